// Strings of the data page (zh-CN default, en). Keys start with 'data.'.
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
