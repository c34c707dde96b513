"""The BM25 peer: bm25s with PyStemmer's Indonesian Snowball stemmer and the same stopwords.

Reads a JSON job from argv[1]: {"passages": path to JSON Lines of {"text"},
"questions": path to JSON Lines of {"question", "answer"}, "stopwords": [...]}.
Prints one JSON object: index time, queries per second, hit@1 and hit@3 (the answer, case- and
space-folded, in the first / first three retrieved passages).
"""

import json
import sys
import time

import bm25s
import Stemmer

# Timed passes over the questions; the median is reported. The machines are shared and noisy.
PASSES = 3


def fold(s):
    return " ".join(s.split()).lower()


def main():
    job = json.load(open(sys.argv[1]))
    passages = [json.loads(l)["text"] for l in open(job["passages"], encoding="utf-8")]
    questions = [json.loads(l) for l in open(job["questions"], encoding="utf-8")]
    stemmer = Stemmer.Stemmer("indonesian")
    stopwords = job["stopwords"]

    started = time.perf_counter()
    tokens = bm25s.tokenize(passages, stopwords=stopwords, stemmer=stemmer, show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(tokens, show_progress=False)
    index_s = time.perf_counter() - started

    texts = [q["question"] for q in questions]
    # One question at a time, as a bot answers them; the median of PASSES passes, as ours.
    passes = []
    for _ in range(PASSES):
        started = time.perf_counter()
        ranked = []
        for t in texts:
            q = bm25s.tokenize([t], stopwords=stopwords, stemmer=stemmer, show_progress=False)
            if len(q.vocab) == 0:
                ranked.append([])
                continue
            docs, _ = retriever.retrieve(q, k=3, show_progress=False, n_threads=1)
            ranked.append(list(docs[0]))
        passes.append(time.perf_counter() - started)
    query_s = sorted(passes)[len(passes) // 2]

    hit1 = hit3 = 0
    for q, docs in zip(questions, ranked):
        want = fold(q["answer"])
        found = [want in fold(passages[d]) for d in docs[:3]]
        hit1 += bool(found[:1] and found[0])
        hit3 += any(found)
    n = max(len(questions), 1)
    print(json.dumps({
        "index_s": index_s,
        "qps": len(texts) / query_s if query_s > 0 else 0.0,
        "hit1": hit1 / n,
        "hit3": hit3 / n,
    }))


if __name__ == "__main__":
    main()
