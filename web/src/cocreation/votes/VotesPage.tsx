import { CocreationTabs } from '../CocreationTabs';

/** Placeholder page (filled in by the votes part of co-creation). */
export default function VotesPage() {
  return <CocreationTabs />;
}
