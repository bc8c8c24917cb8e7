// Strings of the record tables and the record detail panel (zh-CN default, en). Keys start with 'records.'.
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
