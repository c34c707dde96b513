#!/usr/bin/env python3
"""Derive lexicon.tsv (English lemma -> Indonesian candidates) from open wordnets.

Usage:
  python3 derive-lexicon.py --omw OMW_DATA --oewn ENGLISH_WORDNET --cili CILI \
      --pwn WS4J [--pwn-rev 9517b8d1fe2a4fe22d1b81d88f8e8bbb438f2ac8] \
      --freq ../../language/news-frequency.tsv --out lexicon.tsv

Each source is either a git directory (bare mirror; files are read with
`git show REV:PATH`, REV defaults to HEAD) or a plain checkout directory.

  OMW_DATA         github.com/omwn/omw-data        wns/msa/wn-data-ind.tab (Wordnet Bahasa, MIT)
  ENGLISH_WORDNET  github.com/globalwordnet/english-wordnet  src/yaml/*.yaml (OEWN, CC BY 4.0):
                   English lemmas, their senses in sense order, synset -> ILI
  CILI             github.com/globalwordnet/cili   ili-map-pwn30.tab (CC BY 4.0): ILI -> PWN 3.0 offset
  WS4J             github.com/dmeoli/WS4J          dict/cntlist.rev (Princeton WordNet 3.0
                   sense tag counts, WordNet 3.0 licence); only in old commits, hence --pwn-rev

Join: English lemma -> OEWN sense (sense key, synset) -> ILI -> PWN 3.0 offset
-> Wordnet Bahasa Indonesian lemmas (ind:lemma rows; the OMW release keeps only
goodness Y/O rows of lang I or B, so Malay-only rows are already excluded).

Ranking of the Indonesian candidates of one English lemma (all its parts of
speech and letter cases merged):
  sense weight  w = sqrt(PWN 3.0 tag count of the sense key) + 1/(2 + sense rank
                within its entry), so frequent senses lead, untagged senses keep
                WordNet sense order, and sqrt keeps one SemCor-heavy sense from
                drowning the others
  sense score   sum over the lemma's senses containing the candidate of
                w / sqrt(number of Indonesian lemmas of that synset)
                (one big, noisy synset does not outweigh a precise one)
  common words  a candidate that is a word of news-frequency.tsv, or a phrase or
                hyphenated form all of whose words are there ("common", its
                frequency = that of its rarest word) gets its score multiplied by
                  2 + 2 * ln(1 + freq / senses) / ln(1 + articles)
                where senses = number of Wordnet Bahasa synsets holding the
                candidate (a very polysemous word such as "mata" owes its news
                frequency to other meanings); uncommon candidates keep factor 1.
  ties          more frequent first, then byte order; at most 6 kept.
Output is deterministic: no hashing order, no randomness.
"""
import argparse
import math
import os
import re
import subprocess
import sys
import unicodedata

import yaml

MAX_CANDIDATES = 6
COMMON_BASE = 2.0  # factor of a common candidate before its frequency term
FREQ_WEIGHT = 2.0  # weight of the log-frequency term


class Source:
    def __init__(self, path, rev='HEAD'):
        self.path = path
        self.rev = rev
        self.git = not os.path.exists(os.path.join(path, '.git')) and os.path.exists(
            os.path.join(path, 'HEAD'))
        if os.path.exists(os.path.join(path, '.git')):
            self.gitdir = os.path.join(path, '.git')
        elif self.git:
            self.gitdir = path
        else:
            self.gitdir = None

    def commit(self):
        if not self.gitdir:
            return 'unknown'
        return subprocess.run(['git', '--git-dir', self.gitdir, 'rev-parse', self.rev + '^{commit}'],
                              check=True, capture_output=True, text=True).stdout.strip()

    def read(self, rel):
        if self.git:
            out = subprocess.run(['git', '--git-dir', self.gitdir, 'show', f'{self.rev}:{rel}'],
                                 check=True, capture_output=True).stdout
        else:
            with open(os.path.join(self.path, rel), 'rb') as f:
                out = f.read()
        return out.decode('utf-8')

    def files(self):
        if self.git:
            out = subprocess.run(['git', '--git-dir', self.gitdir, 'ls-tree', '-r', '--name-only', self.rev],
                                 check=True, capture_output=True, text=True).stdout
            return sorted(out.split('\n'))
        res = []
        for root, _, names in os.walk(self.path):
            for n in names:
                res.append(os.path.relpath(os.path.join(root, n), self.path))
        return sorted(res)


def norm_offset(sid):
    """'00003553-s' -> '00003553-a' (Wordnet Bahasa writes satellites as -a)."""
    off, pos = sid.rsplit('-', 1)
    return off + '-' + ('a' if pos == 's' else pos)


INDO_OK = re.compile(r"^[^\W\d_]+(?:[ -][^\W\d_]+)*$")


def clean_indonesian(w):
    w = unicodedata.normalize('NFC', w).strip().lower()
    w = re.sub(r'\s+', ' ', w)
    w = re.sub(r'\byg\b', 'yang', w)  # abbreviation documented in wns/msa/README
    return w if INDO_OK.match(w) else None


def load_freq(path):
    freq = {}
    articles = None
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = re.match(r'^#!\s*articles\s+(\d+)', line)
            if m:
                articles = int(m.group(1))
            if line.startswith('#') or not line.strip():
                continue
            parts = line.rstrip('\n').split('\t')
            if len(parts) >= 2:
                freq[parts[0].lower()] = int(parts[1])
    if articles is None:
        articles = max(freq.values())
    return freq, articles


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--omw', required=True)
    ap.add_argument('--omw-rev', default='HEAD')
    ap.add_argument('--oewn', required=True)
    ap.add_argument('--oewn-rev', default='HEAD')
    ap.add_argument('--cili', required=True)
    ap.add_argument('--cili-rev', default='HEAD')
    ap.add_argument('--pwn', required=True)
    ap.add_argument('--pwn-rev', default='9517b8d1fe2a4fe22d1b81d88f8e8bbb438f2ac8')
    ap.add_argument('--freq', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--min-common', action='store_true',
                    help='drop English lemmas none of whose candidates is a common word')
    a = ap.parse_args()

    omw = Source(a.omw, a.omw_rev)
    oewn = Source(a.oewn, a.oewn_rev)
    cili = Source(a.cili, a.cili_rev)
    pwn = Source(a.pwn, a.pwn_rev)
    freq, articles = load_freq(a.freq)

    # ILI -> PWN 3.0 offset
    ili2pwn = {}
    for line in cili.read('ili-map-pwn30.tab').splitlines():
        if line and not line.startswith('#'):
            ili, off = line.split('\t')[:2]
            ili2pwn[ili] = norm_offset(off)

    # OEWN synset id -> ILI (line-based: top-level key, then '  ili: iNNN')
    syn2ili = {}
    yaml_files = [f for f in oewn.files() if f.startswith('src/yaml/')]
    for f in yaml_files:
        if not re.match(r'src/yaml/(noun|verb|adj|adv)\.\w+\.yaml$', f):
            continue
        cur = None
        for line in oewn.read(f).splitlines():
            m = re.match(r'^(\S+):\s*$', line)
            if m:
                cur = m.group(1).strip('\'"')
                continue
            m = re.match(r'^  ili: (i\d+)\s*$', line)
            if m and cur:
                syn2ili[cur] = m.group(1)

    # PWN 3.0 tag counts by sense key
    tagcount = {}
    for line in pwn.read('dict/cntlist.rev').splitlines():
        parts = line.split(' ')
        if len(parts) == 3:
            tagcount[parts[0]] = int(parts[2])

    # Wordnet Bahasa, Indonesian
    ind = {}
    for line in omw.read('wns/msa/wn-data-ind.tab').splitlines():
        if line.startswith('#'):
            continue
        parts = line.split('\t')
        if len(parts) != 3 or parts[1] != 'ind:lemma':
            continue
        w = clean_indonesian(parts[2])
        if w is None:
            continue
        lst = ind.setdefault(norm_offset(parts[0]), [])
        if w not in lst:
            lst.append(w)

    # English lemmas -> weighted senses
    senses = {}  # lemma -> {offset: weight}
    for f in yaml_files:
        if not re.match(r'src/yaml/entries-\w+\.yaml$', f):
            continue
        data = yaml.load(oewn.read(f), Loader=yaml.CLoader)
        for lemma in sorted(data):
            eng = re.sub(r'\s+', ' ', str(lemma).replace('_', ' ')).strip().lower()
            if not eng or re.search(r'[0-9\t|]', eng):
                continue
            for poskey in sorted(data[lemma]):
                if poskey.split('-')[0] not in ('n', 'v', 'a', 's', 'r'):
                    continue
                for rank, s in enumerate(data[lemma][poskey].get('sense') or []):
                    off = ili2pwn.get(syn2ili.get(s.get('synset')))
                    if off is None or off not in ind:
                        continue
                    w = math.sqrt(tagcount.get(s.get('id'), 0)) + 1.0 / (2 + rank)
                    d = senses.setdefault(eng, {})
                    d[off] = d.get(off, 0.0) + w

    polysemy = {}
    for off in ind:
        for c in ind[off]:
            polysemy[c] = polysemy.get(c, 0) + 1
    log_articles = math.log(1 + articles)

    def common(c):
        words = re.split(r'[ -]', c)
        if all(x in freq for x in words):
            return min(freq[x] for x in words)
        return 0

    lines = []
    for eng in sorted(senses, key=lambda s: s.encode('utf-8')):
        score = {}
        for off, w in senses[eng].items():
            cands = ind[off]
            share = w / math.sqrt(len(cands))
            for c in cands:
                score[c] = score.get(c, 0.0) + share
        ranked = []
        for c, sc in score.items():
            fr = common(c)
            factor = 1.0
            if fr:
                factor = COMMON_BASE + FREQ_WEIGHT * math.log(1 + fr / polysemy[c]) / log_articles
            ranked.append((-(sc * factor), -fr, c.encode('utf-8'), c))
        ranked.sort()
        best = [r[3] for r in ranked[:MAX_CANDIDATES]]
        if a.min_common and not any(common(c) for c in best):
            continue
        lines.append(eng + '\t' + '|'.join(best))

    header = [
        '# English lemma -> Indonesian candidates (best first, at most %d), sorted by English lemma (byte order).' % MAX_CANDIDATES,
        '# Sources: Wordnet Bahasa via github.com/omwn/omw-data@%s (MIT, (c) 2011-2015 Francis Bond et al.);' % omw.commit(),
        '#   Open English WordNet github.com/globalwordnet/english-wordnet@%s (CC BY 4.0); CILI github.com/globalwordnet/cili@%s (CC BY 4.0);' % (oewn.commit(), cili.commit()),
        '#   Princeton WordNet 3.0 cntlist.rev via github.com/dmeoli/WS4J@%s (WordNet 3.0 licence, (c) 2006 Princeton University).' % pwn.commit(),
        '# Derived by derive-lexicon.py: join by ILI/PWN 3.0 synset, rank by sense tag counts/order and news-frequency.tsv; see LEXICON.md.',
    ]
    with open(a.out, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(header) + '\n')
        f.write('\n'.join(lines) + '\n')
    print('%d lemmas written to %s' % (len(lines), a.out), file=sys.stderr)


if __name__ == '__main__':
    main()
