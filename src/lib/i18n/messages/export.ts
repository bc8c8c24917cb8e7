// Strings of the export area (zh-CN default, en). Keys start with 'export.' (plus the area's nav entries).
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
