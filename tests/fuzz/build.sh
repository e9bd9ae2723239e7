#!/bin/sh
# Builds the fuzz targets with clang + libFuzzer + ASan/UBSan, straight from the
# parser sources (no CMake): build/fuzz/fuzz_http_request, build/fuzz/fuzz_json_body,
# build/fuzz/fuzz_ingest_row.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/build/fuzz"
mkdir -p "$OUT"
CXX=${CXX:-clang++-14}
command -v ccache >/dev/null && CXX="ccache $CXX"
FLAGS="-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I$ROOT/src
  -DBOOST_JSON_NO_LIB -DBOOST_URL_NO_LIB -DBOOST_CONTAINER_NO_LIB"
# Boost.JSON compiled once (the header-only Beast/Asio need no library here).
$CXX $FLAGS -c "$ROOT/src/lecs/base/json_src.cpp" -o "$OUT/json_src.o"
$CXX $FLAGS "$ROOT/tests/fuzz/fuzz_http_request.cpp" "$ROOT/src/lecs/http/detail/parse.cpp" \
  "$ROOT/src/lecs/http/router.cpp" "$OUT/json_src.o" -o "$OUT/fuzz_http_request" -lpthread
$CXX $FLAGS "$ROOT/tests/fuzz/fuzz_json_body.cpp" "$ROOT/src/lecs/http/json_body.cpp" \
  "$ROOT/src/lecs/base/time.cpp" "$ROOT/src/lecs/base/id.cpp" "$OUT/json_src.o" -o "$OUT/fuzz_json_body" -lpthread
# The ingest row parser: parse.cpp + model.cpp need only base/time and base/validate.
$CXX $FLAGS "$ROOT/tests/fuzz/fuzz_ingest_row.cpp" "$ROOT/src/lecs/monitoring/parse.cpp" \
  "$ROOT/src/lecs/monitoring/model.cpp" "$ROOT/src/lecs/base/time.cpp" "$ROOT/src/lecs/base/validate.cpp" \
  "$OUT/json_src.o" -o "$OUT/fuzz_ingest_row" -lpthread
echo "built $OUT/fuzz_http_request $OUT/fuzz_json_body $OUT/fuzz_ingest_row"
