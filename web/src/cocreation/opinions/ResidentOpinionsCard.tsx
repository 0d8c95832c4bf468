/** Placeholder: the resident's opinions card on the village page (filled in by the opinions part). */
export function ResidentOpinionsCard(_props: { villageCode: string; onExpired: () => void }) {
  return null;
}
