import { CocreationTabs } from '../CocreationTabs';

/** Placeholder page (filled in by the meetings part of co-creation). */
export default function MeetingDetailPage() {
  return <CocreationTabs />;
}
