// Strings of the dashboards area (zh-CN default, en). Keys start with 'dashboards.' (plus the area's nav entries).
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
