// The entity registry: known companies and institutions, their tickers and the other names they go
// by. Built from two files compiled into the binary: data/entities.tsv (hand-kept: names the listings
// do not use, private companies, institutions) and data/companies.tsv (generated from the exchange
// listings by scripts/build-registry.py). The hand-kept file wins: a generated company sharing a
// ticker with a hand-kept one is merged into it (its names become aliases), and a name both claim
// belongs to the hand-kept entity. So "Micron", "Micron Technology, Inc.", "MU" and "$MU" all land on
// the same ticker and actor terms. Entities are data, not code.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bw {

// Analyzer::fold with a fast path for ASCII text (names are folded in bulk at start-up and per keystroke).
std::string fold_name(std::string_view name);

// One known entity: a company (with tickers) or an institution/private company (without).
struct Entity {
    std::string name;                  // canonical display name: "Micron", "Morgan Stanley"
    std::vector<std::string> tickers;  // primary first: {"MU"}, {"GOOGL", "GOOG"}; empty if unlisted
    std::vector<std::string> aliases;  // other names: "Micron Technology", "Micron Technology Inc."
    bool curated = false;              // from the hand-kept file (its tickers may be matched bare in text)
    bool common = false;               // one-word names are ordinary words: never matched alone in text
};

// Lookup tables over the entities. Immutable after loading; safe to share between threads.
class EntityRegistry {
public:
    // The registry shipped with the project.
    static const EntityRegistry& builtin();
    // Parses the TSV form: `name<TAB>tickers(|-separated)<TAB>aliases(|-separated)[<TAB>flags]`, '#'
    // comments; flags is a comma list (`common`). `curated` text is hand-kept, `generated` text comes
    // from the listings and is merged into it (see above).
    static EntityRegistry from_tsv(std::string_view curated, std::string_view generated = {});

    // The entity whose name or alias is exactly `name` (case-insensitive), or nullptr.
    const Entity* find_by_name(std::string_view name) const;
    // The entity listed under `ticker` (upper case; BRK-B and BRK.B are the same), or nullptr.
    const Entity* find_by_ticker(std::string_view ticker) const;
    // find_by_name, then find_by_ticker of the upper-cased value (with any leading '$').
    const Entity* resolve(std::string_view name_or_ticker) const;

    // Splits an actor line whose separators were lost ("MicronGoogleMorgan Stanley") into names:
    // longest known names first, then lower-to-upper case boundaries for the unknown rest.
    std::vector<std::string> split_actor_line(std::string_view line) const;

    std::size_t size() const { return entities_.size(); }
    const std::vector<Entity>& entities() const { return entities_; }

private:
    void add_rows(std::string_view text, bool curated);

    std::vector<Entity> entities_;
    std::unordered_map<std::string, std::size_t> by_name_;    // folded name/alias -> index
    std::unordered_map<std::string, std::size_t> by_ticker_;  // ticker -> index
    std::set<std::string, std::less<>> exact_names_;          // names and aliases as written
    std::set<std::size_t, std::greater<>> name_lengths_;      // their byte lengths, longest first
};

}  // namespace bw
