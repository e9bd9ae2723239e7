// Time-ordered 64-bit ids (ARCHITECTURE §Data rules).
//
// Layout: 41 bits of milliseconds since 2024-01-01T00:00Z | 10 bits node | 12 bits
// sequence. Ids are unique across nodes (distinct node ids), increase with time
// on one node, never depend on the database, and travel as JSON strings.
#pragma once

#include <cstdint>
#include <string>

namespace lecs {

class IdGenerator {
  public:
    explicit IdGenerator(int node = 0);
    int64_t next();  // thread-safe

  private:
    int node_;
    int64_t last_ms_ = 0;
    int64_t seq_ = 0;
};

// The process-wide generator (node set from config at start-up).
IdGenerator& ids();
void set_node_id(int node);
int64_t new_id();

std::string id_to_string(int64_t id);
// Parses a decimal id; returns 0 for anything that is not a positive int64.
int64_t parse_id(std::string_view s);

}  // namespace lecs
