// Value slots of the few documents a response shows, read slot by slot in docid order.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "searcher/value_columns.h"

namespace bw {

// Reads value slots for the documents of a result window. Document::get_value shares one B-tree
// cursor among all slots in Xapian 1.4, so reading two slots of ten documents in turn re-reads
// two blocks per call (one pread each, measured with strace); here each slot is read with its own
// value stream walked forward through the window's docids, so a block read serves every document
// it holds. Over remote shards (no value streams) each value is read from its document. A slot
// held in memory (searcher/value_columns.h) is read from its column instead.
class WindowValues {
  public:
    // `streams`: whether the database can give value streams (false for remote shards);
    // `columns`: the slots held in memory for this database's open revision (nullptr: none).
    WindowValues(const Xapian::Database& db, bool streams, ValueColumnCache* columns = nullptr)
        : db_(db), streams_(streams), columns_(columns) {}

    // Reads `slot` for every document in `docids` that has not been read yet.
    void load(Xapian::valueno slot, std::vector<Xapian::docid> docids);

    // The value of `slot` for `did` (empty when it has none): from load(), or read now.
    std::string get(Xapian::docid did, Xapian::valueno slot);

  private:
    const Xapian::Database& db_;
    bool streams_;
    ValueColumnCache* columns_;
    std::map<std::pair<Xapian::valueno, Xapian::docid>, std::string> values_;
};

}  // namespace bw
