// Searcher::related: "more like this" by relevance feedback. The document itself is the relevance
// set; Xapian's expansion (ESet) picks the words that best tell it apart from the rest of the
// archive, and an OR of those words, minus the document and its copies, finds its neighbours.
#include <algorithm>

#include "core/errors.h"
#include "core/slots.h"
#include "core/terms.h"
#include "searcher/searcher.h"
#include "searcher/match_all.h"
#include "searcher/read_retry.h"

namespace bw {
namespace {

constexpr std::size_t kMaxRelated = 100;
constexpr Xapian::termcount kExpansionTerms = 20;

// Plain words only: no prefixed (field, id, type, date) terms, no stems, nothing shorter than 3
// bytes, no bare numbers; and the scored entity terms (XENTITY:MU), so neighbours naming the same
// companies rank higher.
class WordTermDecider : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override {
        if (term.rfind(kEntityPrefix, 0) == 0) return true;
        if (term.size() < 3) return false;
        unsigned char first = static_cast<unsigned char>(term[0]);
        if (!((first >= 'a' && first <= 'z') || first >= 0x80)) return false;
        return !std::all_of(term.begin(), term.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
    }
};

}  // namespace

SearchResponse Searcher::related(const std::string& id, std::size_t limit) {
    return reading([&] { return related_once(id, limit); });
}

SearchResponse Searcher::related_once(const std::string& id, std::size_t limit) {
    if (limit > kMaxRelated) throw UsageError("limit may be at most " + std::to_string(kMaxRelated));
    const Xapian::docid self = find_document(id);
    Xapian::RSet rset;
    rset.add_document(self);
    Xapian::Enquire enquire(db_);
    enquire.set_query(match_all_query());  // not the global MatchAll (searcher/match_all.h)
    WordTermDecider decider;
    Xapian::ESet eset = enquire.get_eset(kExpansionTerms, rset, &decider);

    SearchResponse response;
    response.query = "related:" + id;
    response.limit = limit;
    std::vector<std::string> words;
    std::vector<std::string> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
        terms.push_back(*it);
        if ((*it).rfind(kEntityPrefix, 0) != 0) words.push_back(*it);  // entity terms are not highlighted
    }
    if (terms.empty()) return response;

    Xapian::Query similar(Xapian::Query::OP_OR, terms.begin(), terms.end());
    // Not the document itself, nor its copies (the same duplicate key: a syndicated story).
    std::vector<Xapian::Query> excluded{Xapian::Query(id_term(id))};
    const std::string dup = db_.get_document(self).get_value(kSlotCopyGroup);
    if (!dup.empty()) excluded.emplace_back(copy_key_term(dup));
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, similar,
                                    Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end())));
    enquire.set_sort_by_relevance_then_value(kSlotDate, true);
    enquire.set_collapse_key(kSlotCopyGroup);
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    response.total = mset.get_matches_estimated();
    SnippetMaker snippets(analyzer_, words, {});
    std::size_t rank = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        ResultItem item = make_result(it.get_document(), it.get_weight(), ++rank, snippets, 200);
        item.collapsed = it.get_collapse_count();
        response.collapsed += item.collapsed;
        response.results.push_back(std::move(item));
    }
    return response;
}

}  // namespace bw
