// Error hierarchy shared by every layer. Library code throws these; the executables map them to exit
// codes (bellwether-index, bellwether-search) or HTTP statuses (bellwether-serve) at the edge.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace bw {

// Base of every error Bellwether raises on purpose.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The user asked for something that cannot be done as asked (bad option, unknown type, bad value).
class UsageError : public Error {
public:
    using Error::Error;
};

// A schema file is invalid; the message names the file, the field and the problem.
class SchemaError : public Error {
public:
    using Error::Error;
};

// One input record is bad. The indexer reports it as `file:line: error: message` and goes on.
class RecordError : public Error {
public:
    using Error::Error;
};

// A query string cannot be parsed; `position` is the 1-based character offset of the problem.
class QuerySyntaxError : public Error {
public:
    QuerySyntaxError(const std::string& message, std::size_t position)
        : Error(message + " at position " + std::to_string(position)), position_(position) {}
    std::size_t position() const { return position_; }

private:
    std::size_t position_;
};

// A document id was asked for and is not in the database.
class NotFoundError : public Error {
public:
    using Error::Error;
};

// The database cannot be opened, is locked by another writer, or was written by an incompatible version.
class DatabaseError : public Error {
public:
    using Error::Error;
};

}  // namespace bw
