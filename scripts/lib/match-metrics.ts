// Ranking quality against graded labels (2 = fulfils it, 1 = partial; inactive offers never count).
import type { DatasetNeed, DatasetOffer } from "./match-dataset";

const dcg = (gains: number[]) => gains.reduce((sum, rel, i) => sum + (2 ** rel - 1) / Math.log2(i + 2), 0);

export function scoreRankings(offers: DatasetOffer[], needs: DatasetNeed[], rankings: Record<string, string[]>, k = 5) {
  const active = new Set(offers.filter((o) => o.active).map((o) => o.id));
  const perNeed: { needId: string; ndcg5: number; got: string[] }[] = [];
  let top1Hits = 0;
  let emptyExpected = 0;
  let emptyCorrect = 0;
  const notEmpty: string[] = [];
  for (const need of needs) {
    const got = rankings[need.id] ?? [];
    const relevance = (id: string) => (active.has(id) ? (need.relevant[id] ?? 0) : 0);
    const ideal = Object.keys(need.relevant)
      .map(relevance)
      .filter((r) => r > 0)
      .sort((a, b) => b - a);
    if (!ideal.length) {
      emptyExpected += 1;
      if (!got.length) emptyCorrect += 1;
      else notEmpty.push(need.id);
      continue;
    }
    const ndcg5 = dcg(got.slice(0, k).map(relevance)) / dcg(ideal.slice(0, k));
    perNeed.push({ needId: need.id, ndcg5, got: got.slice(0, k).map((id) => `${id}(${relevance(id)})`) });
    if (got[0] && relevance(got[0]) > 0) top1Hits += 1;
  }
  const judged = perNeed.length;
  return {
    judged,
    ndcg5: judged ? perNeed.reduce((s, n) => s + n.ndcg5, 0) / judged : 0,
    top1Precision: judged ? top1Hits / judged : 0,
    emptyExpected,
    emptyCorrect,
    /** Needs without a relevant offer that were answered anyway. */
    notEmpty,
    worst: [...perNeed].sort((a, b) => a.ndcg5 - b.ndcg5).filter((n) => n.ndcg5 < 1),
  };
}
