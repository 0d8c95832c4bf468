import { CocreationTabs } from '../CocreationTabs';

/** Placeholder page (filled in by the projects part of co-creation). */
export default function ProjectDetailPage() {
  return <CocreationTabs />;
}
