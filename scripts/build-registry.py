#!/usr/bin/env python3
"""Builds data/companies.tsv, the generated part of the entity registry, from public listings.

Sources (../shared/corpora/ticker-tables, see its SOURCE.md):
  sp500_constituents.csv            S&P 500 members (symbol, name, CIK)
  nasdaq_listed_symbols.csv         NASDAQ symbol directory (company name, security name, ETF/test flags)
  sec_company_tickers_exchange.json SEC EDGAR ticker list (CIK, name, ticker, exchange)
and, to tell ordinary English words from company names, the running text of
  ../shared/corpora/reuters21578/reuters21578.jsonl (bodies only).

Which companies: every S&P 500 member; every NASDAQ-listed company whose security is common stock,
ordinary shares, capital stock or ADSs (no ETFs, test issues, warrants, rights, units, notes, preferreds,
blank-cheque "Acquisition" companies); and every NYSE company in the SEC list (its first ticker).
One entity per company (SEC CIK when known): several share classes give several tickers (GOOGL|GOOG).

Forms: each source's spelling of the name, plus the forms with legal suffixes stripped one by one
("Micron Technology, Inc." -> "Micron Technology" -> "Micron"). A stripped form that two companies
share is dropped for both (ambiguous). A company whose shortest form is one ordinary English word
(see is_common: lower-case in COMMON_MIN of its Reuters occurrences, or very frequent there, or a short
acronym; e.g. Target, Block, City, AGM) is flagged `common`: its one-word forms are used to resolve queries but never matched in running text.

Output columns: name, tickers (|), aliases (|), flags; the same format as data/entities.tsv, which is
the hand-kept part and wins over this file wherever they disagree (merged when the registry loads).

Usage: scripts/build-registry.py [--tables DIR] [--reuters FILE] [--out FILE]   (python3 stdlib only)
"""
import argparse
import collections
import csv
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(PROJECT), "shared", "corpora")

# Trailing words that are legal or structural suffixes, stripped one at a time (lower-case, no dots).
SUFFIXES = {
    "inc", "incorporated", "corp", "corporation", "co", "company", "cos", "companies", "ltd", "limited",
    "plc", "llc", "lp", "llp", "sa", "ag", "nv", "se", "spa", "as", "asa", "ab", "oyj", "bv", "kgaa",
    "holdings", "holding", "group", "technology", "technologies", "international", "intl", "motor", "motors",
    "class", "a", "b", "c", "common", "stock", "ordinary", "shares", "ads", "adr", "the", "new",
    "de", "md", "nv", "pa", "ny", "tx", "oh", "va", "ma", "ca", "fl", "wi", "mn", "in",
}
# A form left with only these words is no name at all.
GENERIC = {"the", "first", "new", "american", "united", "national", "general", "global", "international",
           "group", "holdings", "capital", "financial", "bank", "trust", "energy", "systems", "technology",
           "technologies", "industries", "partners", "resources", "services", "solutions", "company",
           "corporation", "inc", "co", "corp", "one", "us", "usa", "china", "health", "care", "data", "digital",
           "bancorp", "bancshares", "bankshares", "savings", "industries", "realty", "properties", "insurance"}
# Security names that are not a company's common equity.
NOT_EQUITY = re.compile(r"warrant|right|unit|note|debenture|preferred|depositary share[s]? representing .*preferred|"
                        r"subordinated|%|trust preferred|contingent value", re.I)
EQUITY = re.compile(r"common stock|ordinary share|capital stock|american depositary|common share|"
                    r"class [a-c] share|registry shares", re.I)
NOT_COMPANY = re.compile(r"\bacquisition\b|\bfund\b|\betf\b|\bportfolio\b|\bmunicipal\b|\bincome trust\b|"
                         r"\bclosed.end\b|\bopportunities trust\b", re.I)
TICKER = re.compile(r"^[A-Z]{1,5}([.-][A-Z])?$")
WORD = re.compile(r"[A-Za-z0-9\u00c0-\uffff]+")
COMMON_MIN = 0.3      # share of a word's occurrences written in lower case that makes it an ordinary word
FREQUENT_MIN = 200    # a capitalised word this frequent is a place, person or phrase more often than a company


def is_common(word, lower_share):
    """A one-word name that running text cannot be trusted to mean the company by: an ordinary or very
    frequent word (Target, Block, City, Albany), a short acronym (AGM, ATS) or a name of 3 letters or fewer."""
    share, count = lower_share.get(word.lower(), (0.0, 0))
    if share >= COMMON_MIN or count >= FREQUENT_MIN:
        return True
    if word.isalpha() and word.isupper() and len(word) <= 4:
        return True
    return len(word) <= 3


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def tokens(name):
    """The words of a name as the C++ matcher sees them: letters/digits, apostrophe-s dropped."""
    name = re.sub(r"['\u2019]s\b", "", name)
    return WORD.findall(name)


def clean_name(name):
    """Drops listing noise: '(Class A)', '/DE/', ' - Common Stock', repeated spaces."""
    name = re.sub(r"\s+-\s+.*$", "", name)
    name = re.sub(r"\(.*?\)", " ", name)
    name = re.sub(r"/[A-Za-z]{2,3}/?", " ", name)
    name = re.sub(r"\\\s*[A-Za-z]{2,3}\\?", " ", name)  # SEC's state of incorporation: "Corp \DE\", "plc\UK"
    name = re.sub(r"\s+", " ", name).strip(" ,.")
    return name


def title_case(name):
    """SEC titles are often all capitals: 'MICRON TECHNOLOGY INC' -> 'Micron Technology Inc'."""
    if any(c.islower() for c in name):
        return name
    out = []
    for word in name.split(" "):
        out.append(word[:1] + word[1:].lower() if len(word) > 1 and word.isalpha() else word)
    return " ".join(out)


def stripped_forms(name):
    """The name and each shorter form with one more trailing suffix word (and a leading 'The') removed."""
    forms = [name]
    words = name.split(" ")
    if words and words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
        forms.append(" ".join(words))
    while len(words) > 1:
        last = re.sub(r"[^a-z0-9]", "", words[-1].lower())
        if last not in SUFFIXES and words[-1] not in ("&",):
            break
        words = words[:-1]
        while words and words[-1] in ("&", ",", "-", "and"):
            words = words[:-1]
        if words:
            forms.append(" ".join(words).strip(" ,."))
    return forms


def key(form):
    return " ".join(t.lower() for t in tokens(form))


def is_name(form):
    toks = [t.lower() for t in tokens(form)]
    if not toks or all(t in GENERIC or t in SUFFIXES for t in toks):
        return False
    return len("".join(toks)) >= 2


def load_nasdaq(path):
    companies = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            symbol = (row.get("Symbol") or "").strip()
            if not symbol or symbol.startswith("File Creation Time") or not TICKER.match(symbol):
                continue
            if row.get("ETF") != "N" or row.get("Test Issue") != "N":
                continue
            security = row.get("Security Name") or ""
            company = (row.get("Company Name") or "").strip()
            if NOT_EQUITY.search(security) or not EQUITY.search(security) or NOT_COMPANY.search(company):
                continue
            companies.append((symbol, company))
    return companies


def common_words(path):
    """Lower-case share of each word's occurrences in the Reuters bodies (only words seen 3+ times)."""
    lower, total = collections.Counter(), collections.Counter()
    if not path or not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            body = json.loads(line).get("body") or ""
            for word in re.findall(r"[A-Za-z]+", body):
                folded = word.lower()
                total[folded] += 1
                if word == folded:
                    lower[folded] += 1
    return {w: (lower[w] / n, n) for w, n in total.items() if n >= 3}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", default=os.path.join(SHARED, "ticker-tables"))
    parser.add_argument("--reuters", default=os.path.join(SHARED, "reuters21578", "reuters21578.jsonl"))
    parser.add_argument("--out", default=os.path.join(PROJECT, "data", "companies.tsv"))
    args = parser.parse_args()

    sp_path = os.path.join(args.tables, "sp500_constituents.csv")
    nq_path = os.path.join(args.tables, "nasdaq_listed_symbols.csv")
    sec_path = os.path.join(args.tables, "sec_company_tickers_exchange.json")

    # entity key -> {"names": [spellings, best first], "tickers": [...]}
    entities = collections.OrderedDict()
    by_ticker = {}

    def entity_for(cik, ticker):
        k = ("cik", cik) if cik else ("ticker", ticker)
        if k not in entities and ticker in by_ticker:
            k = by_ticker[ticker]
        return entities.setdefault(k, {"names": [], "tickers": [], "sp500": False}), k

    def add(cik, ticker, name, sp500=False):
        name = clean_name(name)
        if not name or not ticker:
            return
        ent, k = entity_for(cik, ticker)
        if ticker not in ent["tickers"]:
            ent["tickers"].append(ticker)
        by_ticker.setdefault(ticker, k)
        if name not in ent["names"]:
            ent["names"].append(name)
        ent["sp500"] |= sp500

    sec = json.load(open(sec_path, encoding="utf-8"))
    cik_of, sec_rows = {}, []
    for cik, name, ticker, exchange in sec["data"]:
        if ticker:
            cik_of.setdefault(ticker.replace("-", "."), cik)
            sec_rows.append((cik, name, ticker, exchange))

    with open(sp_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            cik = int(row["CIK"]) if row.get("CIK", "").strip().isdigit() else None
            add(cik, row["Symbol"].strip(), row["Security"], sp500=True)
    for symbol, company in load_nasdaq(nq_path):
        add(cik_of.get(symbol), symbol, company)
    seen_cik = set()
    for cik, name, ticker, exchange in sec_rows:
        ticker = ticker.replace("-", ".")
        k = ("cik", cik)
        if k in entities:  # already listed: the SEC spelling becomes another form
            if TICKER.match(ticker.replace(".", "-")) and exchange in ("Nasdaq", "NYSE"):
                if ticker in entities[k]["tickers"] or cik in seen_cik:
                    add(cik, entities[k]["tickers"][0], title_case(name))
            seen_cik.add(cik)
            continue
        if exchange != "NYSE" or cik in seen_cik or not TICKER.match(ticker.replace(".", "-")):
            continue
        seen_cik.add(cik)
        if NOT_COMPANY.search(name):
            continue
        add(cik, ticker, title_case(name))

    lower_share = common_words(args.reuters)

    # Forms of every entity; then drop forms shared by two entities.
    rows = []
    owners = collections.defaultdict(set)
    for i, ent in enumerate(entities.values()):
        forms = []
        for spelling in ent["names"]:
            for form in stripped_forms(spelling):
                if is_name(form) and key(form) not in [key(f) for f in forms]:
                    forms.append(form)
        if not forms:
            continue
        for form in forms:
            owners[key(form)].add(i)
        rows.append((i, ent, forms))

    out_rows = []
    dropped = 0
    for i, ent, forms in rows:
        kept = [f for f in forms if len(owners[key(f)]) == 1]
        dropped += len(forms) - len(kept)
        if not kept:
            continue
        display = min(kept, key=lambda f: (len(tokens(f)), len(f)))  # the shortest unambiguous form
        aliases = [f for f in kept if f != display]
        flags = []
        toks = tokens(display)
        if len(toks) == 1 and is_common(toks[0], lower_share):
            flags.append("common")
        tickers = sorted(ent["tickers"], key=lambda t: (ent["tickers"].index(t) if not ent["sp500"] else 0))
        out_rows.append((display, tickers, aliases, flags))
    out_rows.sort(key=lambda r: r[0].lower())

    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write("# Bellwether entity registry, generated part: written by scripts/build-registry.py, do not edit.\n")
        out.write("# name<TAB>tickers (|, primary first)<TAB>aliases (|)<TAB>flags (common: one-word forms are an\n")
        out.write("# ordinary English word, never matched alone in running text). data/entities.tsv overrides it.\n")
        out.write("# Sources (../shared/corpora/ticker-tables, snapshots: SEC ~2025-08, NASDAQ file created 2026-07-31,\n")
        out.write("# S&P 500 ~2026-08; see its SOURCE.md):\n")
        for path in (sp_path, nq_path, sec_path):
            out.write("#   %s sha256 %s\n" % (os.path.basename(path), sha256(path)))
        if os.path.exists(args.reuters):
            out.write("#   common-word test: %s sha256 %s\n" % (os.path.basename(args.reuters), sha256(args.reuters)))
        out.write("# %d companies; %d forms shared by two companies were dropped as ambiguous.\n" %
                  (len(out_rows), dropped))
        for display, tickers, aliases, flags in out_rows:
            out.write("%s\t%s\t%s\t%s\n" % (display, "|".join(tickers), "|".join(aliases), ",".join(flags)))
    print("%s: %d companies, %d common-word names, %d ambiguous forms dropped" %
          (args.out, len(out_rows), sum(1 for r in out_rows if r[3]), dropped), file=sys.stderr)


if __name__ == "__main__":
    main()
