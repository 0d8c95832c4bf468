/** Placeholder: the resident's votes card on the village page (filled in by the votes part). */
export function ResidentVotesCard(_props: { villageCode: string; onExpired: () => void }) {
  return null;
}
