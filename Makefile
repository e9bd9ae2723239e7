# The README's commands. Each target is a thin wrapper over scripts/.
.PHONY: run test bench e2e format build

# Bootstrap, release build, seed the demo data if the database is empty, serve on :8080.
run:
	@scripts/run

# Bootstrap, ci build (ASan+UBSan), every test on SQLite and PostgreSQL, API, e2e, fuzz smoke.
test:
	@scripts/test

bench:
	@scripts/bench

e2e:
	@scripts/e2e

build:
	@cmake --preset ci >/dev/null && cmake --build --preset ci

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i
