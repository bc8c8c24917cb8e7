// Address normalisation and address clusters, as SQL over the `address` column. Exports write the
// same place in many ways (full-width digits, spaces, a leading 江苏省南通市海门区 or township name,
// 3号楼 / 3栋 / 3幢), so repeat demand and hotspots compare normalised addresses:
//
//   1. blank → NULL (never counted);
//   2. full-width ASCII (０-９, Ａ-Ｚ, ＃ …) → half-width, Latin letters lower-cased;
//   3. '#' → 号 (3#楼 is 3号楼);
//   4. whitespace, punctuation and symbols removed (，。、-（）《》 … and ASCII ones);
//   5. a leading 江苏省 / 南通市 / 海门区 (海门市) removed, then a leading township name or alias
//      (longest first, from $lib/schema's TOWNSHIPS), since the review already fixes the area;
//   6. 号楼 / 栋 / 座 → 幢 (one word for a building).
//
// The cluster of an address is its normalised form cut after the first place word — 号, 弄, 组,
// 小区, 花园, 家园, 新村, 苑, 名邸, 公寓, 大厦 — so 某某花园12幢2单元 and 某某花园3幢 share
// 某某花园, 某村3组15号 belongs to 某村3组 (a village group, not the whole village: a village of
// thousands is not a hotspot by size alone), and 某路18号 stays 某路18号 (a building on a road).
// An address without any place word is its own cluster.
import { TOWNSHIPS } from '$lib/schema';
import { sql, type SqlFragment } from '$lib/sql';

const FULL_WIDTH = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0xff01 + i)).join('');
const HALF_WIDTH = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i)).join('');
const FULL_WIDTH_CLASS = `[${String.fromCharCode(0xff01)}-${String.fromCharCode(0xff5e)}]`;

const ADMIN_PREFIX = '^(江苏省)?(南通市)?(海门区|海门市)?';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Township names and aliases, longest first so 海门工业园区 is not cut as 海门. */
export function townshipPrefixPattern(): string {
  const names = TOWNSHIPS.flatMap((t) => [t.township, ...t.aliases]);
  const unique = [...new Set(names)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return `^(${unique.map(escapeRegex).join('|')})`;
}

export const CLUSTER_WORDS = ['号', '弄', '组', '小区', '花园', '家园', '新村', '苑', '名邸', '公寓', '大厦'] as const;

/** The normalised address (steps 1–6 above) of `address`, NULL when nothing is left. */
export function normalisedAddressSql(address: SqlFragment): SqlFragment {
  // translate() with 94 pairs costs ~20 µs an address; most addresses have no full-width
  // character, and the check is a tenth of that (measured on the sample's 130k ticket addresses).
  const halfWidth = sql`lower(CASE WHEN regexp_matches(${address}, ${FULL_WIDTH_CLASS}) THEN translate(${address}, ${FULL_WIDTH}, ${HALF_WIDTH}) ELSE ${address} END)`;
  const hashIsNumber = sql`replace(${halfWidth}, '#', '号')`;
  const bare = sql`regexp_replace(${hashIsNumber}, '[\\s\\p{P}\\p{S}]', '', 'g')`;
  const noAdmin = sql`regexp_replace(${bare}, ${ADMIN_PREFIX}, '')`;
  const noTownship = sql`regexp_replace(${noAdmin}, ${townshipPrefixPattern()}, '')`;
  const building = sql`regexp_replace(${noTownship}, '号楼|栋|座', '幢', 'g')`;
  return sql`NULLIF(${building}, '')`;
}

/** The cluster of a normalised address (see the header), NULL for NULL. */
export function addressClusterSql(normalised: SqlFragment): SqlFragment {
  const pattern = `^(.*?(${CLUSTER_WORDS.join('|')}))`;
  return sql`coalesce(NULLIF(regexp_extract(${normalised}, ${pattern}, 1), ''), ${normalised})`;
}
