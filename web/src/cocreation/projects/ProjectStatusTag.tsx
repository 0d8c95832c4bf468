import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectListItem } from '../../../../src/modules/cocreation/project-schema.ts';

export const PROJECT_STATUS_COLOR = { planned: 'default', building: 'processing', completed: 'success', cancelled: 'error' } as const;

/** A project's status as a coloured tag. */
export function ProjectStatusTag({ status }: { status: ProjectListItem['status'] }) {
  const { t } = useTranslation();
  return <Tag color={PROJECT_STATUS_COLOR[status]}>{t(`cocreationProjects.cadre.status.${status}`)}</Tag>;
}

/** The cadre pages' strings (cocreationProjects.cadre.…), looked up by a key built at run time. */
export function useProjectText(prefix = ''): (key: string, options?: Record<string, unknown>) => string {
  const { t } = useTranslation();
  const lookup = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return (key, options) => lookup(`cocreationProjects.cadre.${prefix}${key}`, options);
}
