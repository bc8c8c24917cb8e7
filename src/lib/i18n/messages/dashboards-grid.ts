// Strings of the grid-event and enterprise-service dashboards (zh-CN default, en). Keys start
// with 'grid.' or 'enterprise.'.
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
