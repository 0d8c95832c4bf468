import type { LatLng } from './PinMap';

export type GeoProblem = 'unsupported' | 'denied' | 'unavailable' | 'timeout';

/** The device's position (GPS on a phone); rejects with a GeoProblem the UI can explain. */
export function currentPosition(timeoutMs = 15_000): Promise<LatLng & { accuracy: number }> {
  return new Promise((resolve, reject) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      reject(new Error('unsupported' satisfies GeoProblem));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => resolve({ lat: Number(pos.coords.latitude.toFixed(6)), lng: Number(pos.coords.longitude.toFixed(6)), accuracy: pos.coords.accuracy }),
      (err) => {
        const problem: GeoProblem = err.code === err.PERMISSION_DENIED ? 'denied' : err.code === err.TIMEOUT ? 'timeout' : 'unavailable';
        reject(new Error(problem));
      },
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

export function geoProblemOf(err: unknown): GeoProblem {
  const m = err instanceof Error ? err.message : '';
  return m === 'denied' || m === 'timeout' || m === 'unsupported' ? m : 'unavailable';
}
