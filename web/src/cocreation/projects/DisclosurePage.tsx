/** Placeholder page (filled in by the projects part of co-creation). */
export default function DisclosurePage() {
  return null;
}
