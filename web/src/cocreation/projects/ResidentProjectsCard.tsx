/** Placeholder: the resident's projects card on the village page (filled in by the projects part). */
export function ResidentProjectsCard(_props: { villageCode: string; onExpired: () => void }) {
  return null;
}
