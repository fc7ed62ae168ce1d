// A quick NPS: scores in, score, counts and uncertainty out.
// Run: npx tsx examples/quick-nps.ts
import { compareNps, contactCenterNpsBands, nps, npsSampleSize } from "cx-metrics";

// Twelve answers to "How likely are you to recommend us?"; one customer skipped the question.
const thisWeek = [10, 9, 9, 8, 7, 10, 6, 3, 9, 10, null, 8];
const result = nps(thisWeek, { bands: contactCenterNpsBands });

// 6 promoters, 3 passives, 2 detractors of 11 answers: (6 - 2) / 11 = +36.4
console.log(`NPS ${result.score?.value.toFixed(1)} (${result.band})`);
console.log(`promoters ${result.promoters}, passives ${result.passives}, detractors ${result.detractors}, missing ${result.excluded.missing}`);
console.log(`95% interval ${result.score?.interval.lower.toFixed(1)} to ${result.score?.interval.upper.toFixed(1)} (${result.score?.interval.method})`);

// Is this week different from last week's 40 answers? With so few answers, probably not knowably.
const lastWeek = nps([...Array<number>(16).fill(10), ...Array<number>(14).fill(8), ...Array<number>(10).fill(4)]);
const change = compareNps(lastWeek, result)!;
console.log(`change ${change.difference.toFixed(1)} points, p = ${change.pValue?.toFixed(2)}`);

// How many answers would a ±5 point margin need? Worst case, and at last week's mix.
console.log(`for ±5 points: ${npsSampleSize({ margin: 5 })} answers (worst case), ${npsSampleSize({ margin: 5, promoterShare: 40, detractorShare: 25 })} at 40% / 25%`);
