# ecsim — hourly energy capacity scenario simulator.
# `make run` builds and runs the base plan into out/; `make check` builds and
# runs every test. Both install missing Debian packages first (as root).

CC      ?= cc
PKGS    := gsl libconfig
APT_PKGS := build-essential pkg-config libgsl-dev libconfig-dev libcunit1-dev gnuplot-nox fonts-noto-cjk

WARN    := -Wall -Wextra -Wshadow -Wundef -Wwrite-strings -Wstrict-prototypes \
           -Wmissing-prototypes -Wold-style-definition -Wdouble-promotion -Wvla
# No fast-math and no FMA contraction: outputs must be identical across machines.
BASEFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -g -ffp-contract=off $(WARN)
OPT     ?= -O2

# Variants: release (default), check (invariant checks on) and san (check + ASan/UBSan).
ifeq ($(SAN),1)
  VARIANT := san
  EXTRA   := -O1 -DECSIM_CHECKS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
  LDEXTRA := -fsanitize=address,undefined
else ifeq ($(CHECKS),1)
  VARIANT := check
  EXTRA   := $(OPT) -DECSIM_CHECKS
else
  VARIANT := release
  EXTRA   := $(OPT)
endif

B       := build/$(VARIANT)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL = $(BASEFLAGS) $(EXTRA) $(PKG_CFLAGS) $(CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lm -lpthread $(LDEXTRA)

LIB_SRC  := $(filter-out sim/main.c,$(wildcard sim/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_OBJ := $(TEST_SRC:%.c=$(B)/%.o) $(B)/tests/unit/run_unit.o $(B)/tests/unit/testutil.o
TOOL_SRC := $(wildcard tests/tools/*.c)

BASE_CFG := configs/yiwu-14fyp.cfg

.PHONY: all run plots check unit regress bad-input determinism batch signals plots-check check-san bench deps \
        clean regress-bless docs-check
.DEFAULT_GOAL := all

all: $(B)/ecsim

$(B)/libecsim.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

$(B)/ecsim: $(B)/sim/main.o $(B)/libecsim.a
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Isim -MMD -MP -c $< -o $@

# Unit tests: every tests/unit/test_NAME.c defines `void register_test_NAME(void)`;
# the list of suites is generated, so adding a file is all it takes.
$(B)/tests/unit/suites.inc: $(TEST_SRC)
	@mkdir -p $(@D)
	@for f in $(TEST_SRC); do n=$$(basename $$f .c); echo "SUITE($$n)"; done > $@.tmp && mv $@.tmp $@

$(B)/tests/unit/run_unit.o: tests/unit/run_unit.c $(B)/tests/unit/suites.inc
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Isim -I$(B)/tests/unit -MMD -MP -c $< -o $@

$(B)/run_unit: $(TEST_OBJ) $(B)/libecsim.a
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL) -lcunit

$(B)/datcmp: tests/tools/datcmp.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -o $@ $< -lm

# ---- the README's two commands -------------------------------------------
run: deps
	@$(MAKE) --no-print-directory all
	@# exit status 3 means "ran, some target not met": a result, not a failure of make
	./build/release/ecsim run $(BASE_CFG) -o out --plot; rc=$$?; \
	  if [ $$rc = 3 ]; then echo "(exit status 3: the scenario ran; some plan targets are not met — see out/*/summary.md)"; \
	  elif [ $$rc != 0 ]; then exit $$rc; fi

check: deps
	@$(MAKE) --no-print-directory CHECKS=1 unit regress bad-input determinism batch signals plots-check docs-check
	@echo "--- the same under AddressSanitizer and UndefinedBehaviorSanitizer ---"
	@$(MAKE) --no-print-directory SAN=1 unit regress bad-input
	@echo "check: 11 passed, 0 failed"

unit: $(B)/run_unit
	@cd tests && ../$(B)/run_unit

regress: $(B)/ecsim $(B)/datcmp
	@sh tests/regress/run.sh $(B)/ecsim $(B)/datcmp

regress-bless: $(B)/ecsim
	@sh tests/regress/run.sh $(B)/ecsim "" bless

bad-input: $(B)/ecsim
	@sh tests/bad_input/run.sh $(B)/ecsim

determinism: $(B)/ecsim
	@sh tests/determinism.sh $(B)/ecsim

batch: $(B)/ecsim
	@sh tests/batch.sh $(B)/ecsim

signals: $(B)/ecsim
	@sh tests/signals.sh $(B)/ecsim

plots-check: $(B)/ecsim
	@sh tests/plots.sh $(B)/ecsim

docs-check: $(B)/ecsim
	@sh tests/docs_check.sh $(B)/ecsim

# Charts and report.html again for every finished run in out/ (e.g. after editing plots/).
plots: deps
	@$(MAKE) --no-print-directory all
	./build/release/ecsim plot out/*/

bench: deps
	@$(MAKE) --no-print-directory all
	./build/release/ecsim bench $(BASE_CFG)

# Installs what is missing, by Debian package name. Needs root (or sudo).
deps:
	@missing=""; for p in $(APT_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	    || { echo "error: could not install:$$missing" >&2; exit 1; }; \
	fi

clean:
	rm -rf build ecsim

-include $(shell find build -name '*.d' 2>/dev/null)
