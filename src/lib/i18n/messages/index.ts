// All strings, merged from one file per area so that pages can grow their own without touching
// each other's. A key must be unique across areas: prefix it with the area.
import * as core from './core';
import * as data from './data';
import * as definitions from './definitions';
import * as rankings from './rankings';
import * as sql from './sql';

export const zh = { ...core.zh, ...data.zh, ...definitions.zh, ...rankings.zh, ...sql.zh } as const;

export type MessageKey = keyof typeof zh;

export const en: Record<MessageKey, string> = { ...core.en, ...data.en, ...definitions.en, ...rankings.en, ...sql.en };
