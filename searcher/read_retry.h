// Reading a database that a writer commits to at the same time.
#pragma once

#include <chrono>
#include <string>
#include <thread>
#include <utility>

#include <xapian.h>

#include "core/errors.h"

namespace bw {

// Reopens `db` on its newest revision after a read met a concurrent commit. A reopen can itself
// meet the next commit; the following attempt then fails and retries again, so errors are ignored.
inline void reopen_after_concurrent_commit(Xapian::Database& db, int attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt));
    try {
        db.reopen();
    } catch (const Xapian::DatabaseError&) {
    }
}

// Runs `read` against `db`. A writer that commits twice while we read discards the revision we
// were reading (DatabaseModifiedError): reopen on the newest revision and run it again. Only a
// writer committing faster than one read can complete exhausts the attempts.
//
// Xapian 1.4's glass backend does not always say DatabaseModifiedError when that happens: a block
// that a concurrent commit reused reads as corruption ("Expected block N to be level 2, not 0"),
// and a block past the end of the table file as "EOF reading block N" (a plain DatabaseError).
// Those are retried the same way; if the newest revision still fails to read, the error stands.
// `on_reopen` runs after each reopen (to drop what was read from the old revision).
template <class Read, class OnReopen>
auto read_retrying(Xapian::Database& db, const std::string& path, Read&& read, OnReopen&& on_reopen) -> decltype(read()) {
    constexpr int kAttempts = 10;
    for (int attempt = 1;; ++attempt) {
        try {
            return read();
        } catch (const Xapian::DatabaseModifiedError& e) {
            if (attempt == kAttempts) {
                throw DatabaseError(path + ": the database kept changing while being read (" +
                                    std::to_string(kAttempts) + " attempts): " + e.get_description());
            }
            reopen_after_concurrent_commit(db, attempt);
            on_reopen();
        } catch (const Xapian::DatabaseOpeningError&) {
            throw;
        } catch (const Xapian::DatabaseError&) {
            if (attempt == kAttempts) throw;
            reopen_after_concurrent_commit(db, attempt);
            on_reopen();
        }
    }
}

template <class Read>
auto read_retrying(Xapian::Database& db, const std::string& path, Read&& read) -> decltype(read()) {
    return read_retrying(db, path, std::forward<Read>(read), [] {});
}

}  // namespace bw
