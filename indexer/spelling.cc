#include "indexer/spelling.h"

#include <string>
#include <utility>
#include <vector>

namespace bw {
namespace {

// Plain lower-case words of 3 to 30 letters (ASCII or not): no digits, no prefix capitals.
bool is_spelling_word(const std::string& term) {
    if (term.size() < 3 || term.size() > 30) return false;
    for (unsigned char c : term) {
        if (c < 0x80 && !(c >= 'a' && c <= 'z')) return false;
    }
    return true;
}

}  // namespace

std::size_t update_spelling(Xapian::WritableDatabase& db) {
    std::vector<std::pair<std::string, Xapian::termcount>> updates;
    // Prefixed terms start with a capital and digits sort before letters, so the plain words are
    // exactly the terms from "a" on (non-ASCII initials sort after 'z'). Both that list and the
    // spelling list are sorted: walk them side by side (Xapian 1.4 has no per-word lookup).
    auto term = db.allterms_begin();
    term.skip_to("a");
    auto spelling = db.spellings_begin();
    const auto spelling_end = db.spellings_end();
    for (; term != db.allterms_end(); ++term) {
        const std::string word = *term;
        if (!is_spelling_word(word)) continue;
        while (spelling != spelling_end && *spelling < word) ++spelling;
        Xapian::doccount have = spelling != spelling_end && *spelling == word ? spelling.get_termfreq() : 0;
        Xapian::doccount freq = term.get_termfreq();
        if (freq > have) updates.emplace_back(word, freq - have);
    }
    // Applied after the walk: changing the spelling table under its own iterator is not safe.
    for (const auto& [word, delta] : updates) db.add_spelling(word, delta);
    return updates.size();
}

}  // namespace bw
