import { CocreationTabs } from '../CocreationTabs';

/** Placeholder page (filled in by the opinions part of co-creation). */
export default function ProposalsPage() {
  return <CocreationTabs />;
}
