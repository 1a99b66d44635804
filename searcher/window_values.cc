#include "searcher/window_values.h"

#include <algorithm>

namespace bw {

void WindowValues::load(Xapian::valueno slot, std::vector<Xapian::docid> docids) {
    if (columns_ && columns_->column(db_, slot)) return;  // get() reads the column
    std::erase_if(docids, [&](Xapian::docid did) { return values_.contains({slot, did}); });
    if (docids.empty()) return;
    std::sort(docids.begin(), docids.end());
    docids.erase(std::unique(docids.begin(), docids.end()), docids.end());
    if (columns_) columns_->note_read(slot, docids.size());
    if (!streams_) {
        for (Xapian::docid did : docids) values_[{slot, did}] = db_.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(slot);
        return;
    }
    Xapian::ValueIterator it = db_.valuestream_begin(slot);
    const Xapian::ValueIterator end = db_.valuestream_end(slot);
    for (Xapian::docid did : docids) {
        if (it != end && it.get_docid() < did) it.skip_to(did);
        values_[{slot, did}] = it != end && it.get_docid() == did ? *it : std::string();
    }
}

std::string WindowValues::get(Xapian::docid did, Xapian::valueno slot) {
    if (columns_)
        if (const ValueColumn* column = columns_->column(db_, slot)) return std::string(column->get(did));
    auto found = values_.find({slot, did});
    if (found != values_.end()) return found->second;
    load(slot, {did});
    return values_[{slot, did}];
}

}  // namespace bw
