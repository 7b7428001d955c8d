#!/usr/bin/env python3
"""Reads a hirepulse store after `hirepulse dedup` and prints what the clusters say.

Usage:
  dedup_report.py DB shares            repost share by year (postings joining a job of an earlier month)
  dedup_report.py DB pairs N SEED [METHOD]  N random flagged pairs (default method repost), side by side
  dedup_report.py DB near N SEED       N random same-company pairs within the window that were
                                       NOT merged, with SimHash distance just above the threshold
  dedup_report.py DB recall K          for a corpus from scale_corpus.py with K copies: share of
                                       copies (id >= 1e9) in the same cluster as their original
Only reads the store (sqlite3, read-only). Benchmarks only; not part of the test suite.
"""
import random, re, sqlite3, sys, textwrap
from collections import defaultdict

db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
what = sys.argv[2]

def month_index(m):
    y, mm = m.split("-")
    return int(y) * 12 + int(mm) - 1

if what == "shares":
    rows = db.execute("""SELECT p.month, c.method, m.month FROM postings p
        JOIN posting_clusters c ON c.posting_id = p.id
        JOIN postings m ON m.id = c.matched_id WHERE p.month IS NOT NULL""").fetchall()
    by_year = defaultdict(lambda: [0, 0, 0, 0])  # postings, repeat of earlier month, text, repost
    by_month = defaultdict(lambda: [0, 0])
    for month, method, matched_month in rows:
        y = month[:4]
        by_year[y][0] += 1
        by_month[month][0] += 1
        if method != "first" and matched_month and matched_month < month:
            by_year[y][1] += 1
            by_month[month][1] += 1
            if method == "text":
                by_year[y][2] += 1
            elif method == "repost":
                by_year[y][3] += 1
    print("year  postings  reposts_of_earlier_month  share   (same text, near-identical)")
    for y in sorted(by_year):
        n, r, t, s = by_year[y]
        print(f"{y}  {n:8}  {r:24}  {r / n:6.1%}  ({t}, {s})")
    tot = [sum(v[i] for v in by_year.values()) for i in range(4)]
    print(f"all   {tot[0]:8}  {tot[1]:24}  {tot[1] / tot[0]:6.1%}  ({tot[2]}, {tot[3]})")
    shares = sorted(r / n for n, r in by_month.values() if n)
    print(f"months: {len(shares)}, median monthly share {shares[len(shares) // 2]:.1%}, "
          f"min {shares[0]:.1%}, max {shares[-1]:.1%}")
    same = db.execute("""SELECT c.method, count(*) FROM posting_clusters c
        JOIN postings p ON p.id = c.posting_id JOIN postings m ON m.id = c.matched_id
        WHERE c.method <> 'first' AND p.month = m.month GROUP BY c.method""").fetchall()
    print("joined a job of the same month (not month-to-month):", dict(same))

elif what == "pairs":
    n, seed = int(sys.argv[3]), int(sys.argv[4])
    rows = db.execute("""SELECT c.posting_id, c.matched_id, c.method FROM posting_clusters c
        WHERE c.method = ? ORDER BY c.posting_id""", (sys.argv[5] if len(sys.argv) > 5 else 'repost',)).fetchall()
    random.Random(seed).shuffle(rows)
    for i, (a, b, method) in enumerate(rows[:n], 1):
        ta, ma = db.execute("SELECT t.text, p.month FROM postings p JOIN posting_texts t ON t.posting_id=p.id WHERE p.id=?", (a,)).fetchone()
        tb, mb = db.execute("SELECT t.text, p.month FROM postings p JOIN posting_texts t ON t.posting_id=p.id WHERE p.id=?", (b,)).fetchone()
        print(f"===== pair {i} ({method}) posting {a} [{ma}] vs {b} [{mb}]")
        la = textwrap.wrap(ta[:700], 70)
        lb = textwrap.wrap(tb[:700], 70)
        for k in range(max(len(la), len(lb))):
            print(f"{(la[k] if k < len(la) else ''):70} | {(lb[k] if k < len(lb) else '')}")

elif what == "near":
    # Same company, within the window, not in one cluster, SimHash distance 7..12 (the
    # threshold is 6): the pairs the rule came closest to merging. Same algorithm as
    # crates/hirepulse-dedup (normalise, word 3-shingles, FNV-1a + SplitMix64, 64 bits).
    n, seed = int(sys.argv[3]), int(sys.argv[4])
    M = (1 << 64) - 1
    def h64(b):
        x = 0xcbf29ce484222325
        for c in b:
            x ^= c
            x = (x * 0x100000001b3) & M
        z = (x + 0x9e3779b97f4a7c15) & M
        z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
        z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
        return z ^ (z >> 31)
    def words(t):
        return [w.lower() for w in re.split(r"[^\w]|_", t) if w]
    def simhash(t):
        ws = words(t)
        if len(ws) < 12:
            return None
        acc = [0] * 64
        for i in range(len(ws) - 2):
            x = h64(" ".join(ws[i:i + 3]).encode())
            for b in range(64):
                acc[b] += 1 if x >> b & 1 else -1
        return sum(1 << b for b in range(64) if acc[b] > 0)
    SUF = {"inc", "llc", "ltd", "gmbh", "corp", "corporation", "co", "limited", "sa", "bv"}
    def ckey(c):
        ws = words(c or "")
        while len(ws) > 1 and ws[-1] in SUF:
            ws.pop()
        return " ".join(ws)
    rows = db.execute("""SELECT p.id, p.posted_at, coalesce(p.company, f.company), t.text,
        c.cluster_id, p.month FROM postings p JOIN posting_texts t ON t.posting_id = p.id
        LEFT JOIN facts f ON f.posting_id = p.id JOIN posting_clusters c ON c.posting_id = p.id
        WHERE p.posted_at IS NOT NULL""").fetchall()
    by_company = defaultdict(list)
    for pid, at, comp, text, cl, month in rows:
        k = ckey(comp)
        if k:
            by_company[k].append((at, pid, cl, text, month))
    rnd = random.Random(seed)
    companies = sorted(by_company)
    rnd.shuffle(companies)
    found = []
    for k in companies:
        ps = sorted(by_company[k])
        if len(ps) < 2 or len(ps) > 60:
            continue
        sig = {p[1]: simhash(p[3]) for p in ps}
        for i in range(len(ps)):
            for j in range(i):
                a, b = ps[i], ps[j]
                if a[0] - b[0] > 60 * 86400 or a[2] == b[2]:
                    continue
                sa, sb = sig[a[1]], sig[b[1]]
                if sa is None or sb is None:
                    continue
                d = bin(sa ^ sb).count("1")
                if 7 <= d <= 12:
                    found.append((d, a, b))
        if len(found) >= n:
            break
    for i, (d, a, b) in enumerate(found[:n], 1):
        print(f"===== near {i}: distance {d}, posting {a[1]} [{a[4]}] vs {b[1]} [{b[4]}]")
        la, lb = textwrap.wrap(a[3][:500], 70), textwrap.wrap(b[3][:500], 70)
        for k2 in range(max(len(la), len(lb))):
            print(f"{(la[k2] if k2 < len(la) else ''):70} | {(lb[k2] if k2 < len(lb) else '')}")

elif what == "recall":
    rows = db.execute("""SELECT p.source_id, coalesce(c.cluster_id, p.id), p.id FROM postings p
        LEFT JOIN posting_clusters c ON c.posting_id = p.id""").fetchall()
    cluster_of = {}
    for sid, cluster, pid in rows:
        cluster_of[int(sid)] = cluster
    n_copies = hit = 0
    for sid, cluster in cluster_of.items():
        if sid >= 1_000_000_000:
            original = sid % 1_000_000_000
            if original in cluster_of:
                n_copies += 1
                hit += cluster_of[original] == cluster
    print(f"copies {n_copies}, in their original's cluster {hit}, recall {hit / n_copies:.5f}")
