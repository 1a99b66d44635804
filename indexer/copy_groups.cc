#include "indexer/copy_groups.h"

#include <utility>

#include "core/slots.h"
#include "core/terms.h"

namespace bw {

void add_copy_key_term(Xapian::Document& document) {
    const std::string key = document.get_value(kSlotDupKey);
    if (!key.empty()) document.add_boolean_term(copy_key_term(key));
}

void CopyGroups::note_added(const std::string& key) {
    if (!key.empty()) noted_.try_emplace(copy_key_term(key), false);
}

void CopyGroups::note_removed(const std::string& key) {
    if (!key.empty()) noted_[copy_key_term(key)] = true;
}

Xapian::doccount CopyGroups::documents_with(const std::string& term) const {
    Xapian::doccount count = 0;
    for (const Xapian::WritableDatabase* db : databases_) count += db->get_termfreq(term);
    return count;
}

std::size_t CopyGroups::sync_term(const std::string& term, bool may_be_marked) {
    const bool shared = documents_with(term) >= 2;
    if (!shared && !may_be_marked) return 0;
    std::size_t rewritten = 0;
    for (Xapian::WritableDatabase* db : databases_) {
        // The ids first: the rewrites below change the database the postlist reads.
        std::vector<Xapian::docid> ids(db->postlist_begin(term), db->postlist_end(term));
        for (Xapian::docid id : ids) {
            Xapian::Document document = db->get_document(id);
            const std::string wanted = shared ? document.get_value(kSlotDupKey) : std::string();
            if (document.get_value(kSlotCopyGroup) == wanted) continue;
            if (wanted.empty()) document.remove_value(kSlotCopyGroup);
            else document.add_value(kSlotCopyGroup, wanted);
            db->replace_document(id, document);  // values only: Xapian leaves the terms alone
            ++rewritten;
        }
    }
    return rewritten;
}

std::size_t CopyGroups::sync() {
    std::size_t rewritten = 0;
    for (const auto& [term, may_be_marked] : noted_) rewritten += sync_term(term, may_be_marked);
    noted_.clear();
    return rewritten;
}

std::size_t CopyGroups::sync_all() {
    Xapian::Database all;
    for (const Xapian::WritableDatabase* db : databases_) all.add_database(*db);
    // Shared keys: the XCOPY terms with two or more documents (listed before anything changes).
    std::vector<std::string> shared;
    for (auto it = all.allterms_begin(std::string(kCopyKeyPrefix)); it != all.allterms_end(std::string(kCopyKeyPrefix)); ++it) {
        if (it.get_termfreq() >= 2) shared.push_back(*it);
    }
    // Marked documents whose key is no longer shared (a replaced or deleted copy).
    for (const Xapian::WritableDatabase* db : databases_) {
        for (auto it = db->valuestream_begin(kSlotCopyGroup); it != db->valuestream_end(kSlotCopyGroup); ++it) {
            const std::string term = copy_key_term(*it);
            if (documents_with(term) < 2) noted_[term] = true;
        }
    }
    std::size_t rewritten = 0;
    for (const auto& term : shared) rewritten += sync_term(term, true);
    return rewritten + sync();
}

}  // namespace bw
