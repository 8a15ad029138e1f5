# ecsim — hourly energy capacity scenario simulator.
# `make run` builds and runs the base plan into out/; `make check` builds and
# runs every test. Both install missing Debian packages first (as root).
# Builds run in parallel (one job per core); `make V=1` shows the full commands.

CC      ?= cc
PKGS    := gsl libconfig clp
APT_PKGS := build-essential pkg-config libgsl-dev libconfig-dev libcunit1-dev gnuplot-nox fonts-noto-cjk \
            clang libclang-rt-14-dev coinor-libclp-dev

WARN    := -Wall -Wextra -Wshadow -Wundef -Wwrite-strings -Wstrict-prototypes \
           -Wmissing-prototypes -Wold-style-definition -Wdouble-promotion -Wvla \
           -Wconversion -Wsign-conversion
# No fast-math and no FMA contraction: outputs must be identical across machines.
BASEFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -g -ffp-contract=off $(WARN)
OPT     ?= -O2

# Variants, each in its own build/<variant>/ so that one make builds them side
# by side: release (default), check (invariant checks on) and san (check +
# ASan/UBSan). CHECKS=1 or SAN=1 picks the variant of the single-stage targets.
VARIANTS      := release check san
FLAGS_release := $(OPT)
FLAGS_check   := $(OPT) -DECSIM_CHECKS
FLAGS_san     := -O1 -DECSIM_CHECKS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS_san   := -fsanitize=address,undefined
ifeq ($(SAN),1)
  VARIANT := san
else ifeq ($(CHECKS),1)
  VARIANT := check
else
  VARIANT := release
endif
B := build/$(VARIANT)

NPROC := $(shell nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
JOBS  ?= $(NPROC)
# Sub-makes run $(JOBS) jobs unless make was given its own -j.
jobs_flag = $(if $(filter -j%,$(MAKEFLAGS)),,-j$(JOBS))
ifeq ($(V),1)
  Q :=
  say = @:
else
  Q := @
  say = @echo "  $(1)"
endif

# Read once per make; `run` and `check` install packages (deps) before their sub-make reads them.
# Clp is not linked: sim/dispatch/clpload.c opens it with dlopen when the first
# optimal dispatch needs it, so that plain runs do not pay its start-up.
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(filter-out clp,$(PKGS)) 2>/dev/null) -ldl
cflags     = $(BASEFLAGS) $(FLAGS_$(1)) $(PKG_CFLAGS) $(CFLAGS)
ldlibs     = $(PKG_LIBS) -lm -lpthread $(LDFLAGS_$(1))

# sim/ is grouped in layer folders (sim/LAYERS); every folder is on the include
# path, so sources include "name.h" wherever name.h lives.
SIM_DIRS := $(sort $(shell find sim -type d 2>/dev/null))
SIM_INC  := $(addprefix -I,$(SIM_DIRS))
SIM_SRC  := $(sort $(shell find sim -name '*.c' 2>/dev/null))
MAIN_SRC := $(filter %/main.c,$(SIM_SRC))
LIB_SRC  := $(filter-out %/main.c,$(SIM_SRC))

# Unit suites: every tests/unit/test_NAME.c defines `void register_test_NAME(void)`.
# The suites that draw charts with gnuplot (test_plot*.c) are slow and get their
# own runner (run_plot); every other suite is in run_unit and runs in seconds.
TEST_SRC  := $(sort $(wildcard tests/unit/test_*.c))
PLOT_SRC  := $(filter tests/unit/test_plot%.c,$(TEST_SRC))
UNIT_SRC  := $(filter-out $(PLOT_SRC),$(TEST_SRC))
TESTLIB   := tests/unit/testutil.c

BASE_CFG := configs/yiwu-14fyp.cfg

.DEFAULT_GOAL := all

# ---- build rules, once per variant ----------------------------------------
# $(1) = variant
define variant_rules
build/$(1)/%.o: %.c
	@mkdir -p $$(@D)
	$$(call say,CC $$< ($(1)))
	$$(Q)$$(CC) $$(call cflags,$(1)) $$(SIM_INC) -MMD -MP -c $$< -o $$@

build/$(1)/libecsim.a: $$(LIB_SRC:%.c=build/$(1)/%.o)
	$$(call say,AR $$@)
	$$(Q)rm -f $$@ && $$(AR) rcs $$@ $$^

build/$(1)/ecsim: $$(MAIN_SRC:%.c=build/$(1)/%.o) build/$(1)/libecsim.a
	$$(call say,LD $$@)
	$$(Q)$$(CC) $$(call cflags,$(1)) -o $$@ $$^ $$(call ldlibs,$(1))

build/$(1)/datcmp: tests/tools/datcmp.c
	@mkdir -p $$(@D)
	$$(call say,CC $$< ($(1)))
	$$(Q)$$(CC) $$(call cflags,$(1)) -o $$@ $$< -lm $$(LDFLAGS_$(1))

# The runner's suite list (suites.inc) is generated from the file names, so
# adding a test file is all it takes; one list per runner, chosen at build time.
build/$(1)/tests/unit/%/suites.inc: $$(TEST_SRC) Makefile
	@mkdir -p $$(@D)
	@for f in $$(if $$(filter plot,$$*),$$(PLOT_SRC),$$(UNIT_SRC)); do echo "SUITE($$$$(basename $$$$f .c))"; done > $$@.tmp && mv $$@.tmp $$@

build/$(1)/tests/unit/%/run_unit.o: tests/unit/run_unit.c build/$(1)/tests/unit/%/suites.inc
	$$(call say,CC $$< ($(1), $$*))
	$$(Q)$$(CC) $$(call cflags,$(1)) $$(SIM_INC) -Ibuild/$(1)/tests/unit/$$* -MMD -MP -c $$< -o $$@

build/$(1)/run_unit: $$(UNIT_SRC:%.c=build/$(1)/%.o) $$(TESTLIB:%.c=build/$(1)/%.o) build/$(1)/tests/unit/unit/run_unit.o build/$(1)/libecsim.a
	$$(call say,LD $$@)
	$$(Q)$$(CC) $$(call cflags,$(1)) -o $$@ $$^ $$(call ldlibs,$(1)) -lcunit

build/$(1)/run_plot: $$(PLOT_SRC:%.c=build/$(1)/%.o) $$(TESTLIB:%.c=build/$(1)/%.o) build/$(1)/tests/unit/plot/run_unit.o build/$(1)/libecsim.a
	$$(call say,LD $$@)
	$$(Q)$$(CC) $$(call cflags,$(1)) -o $$@ $$^ $$(call ldlibs,$(1)) -lcunit
endef
$(foreach v,$(VARIANTS),$(eval $(call variant_rules,$(v))))
.SECONDARY:

# ---- fuzzing (tests/fuzz/) ------------------------------------------------------
# libFuzzer harnesses, one per tests/fuzz/fuzz_NAME.c, built with clang into
# build/fuzz/ against the library sources under ASan + UBSan (the library's
# objects with fuzzer-no-link: coverage without a second main).
FUZZ_CC      ?= clang
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# (-Wno-double-promotion: with clang, glibc's NAN and INFINITY are float builtins)
FUZZ_CFLAGS  := $(BASEFLAGS) -Wno-double-promotion -O1 -DECSIM_CHECKS $(FUZZ_SAN) $(PKG_CFLAGS) $(SIM_INC)
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS    := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_SECONDS ?= 20
# `make check` runs each harness this long (three harnesses: under a minute).
FUZZ_STAGE_SECONDS ?= 15

build/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(call say,CC $< (fuzz))
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

build/fuzz/fuzz_%: build/fuzz/obj/tests/fuzz/fuzz_%.o $(LIB_SRC:%.c=build/fuzz/obj/%.o)
	$(call say,LD $@)
	$(Q)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS) -lm -lpthread

# ---- test stages -----------------------------------------------------------
# A stage is a command on the binaries of one variant ($(1) = build/<variant>);
# DEPS_<stage> are the binaries it needs.
CMD_unit        = cd tests && ../$(1)/run_unit
CMD_plot-unit   = cd tests && ../$(1)/run_plot
CMD_regress     = sh tests/regress/run.sh $(1)/ecsim $(1)/datcmp
CMD_bad-input   = sh tests/bad_input/run.sh $(1)/ecsim
CMD_hostile     = sh tests/hostile/run.sh $(1)/ecsim
CMD_determinism = sh tests/determinism.sh $(1)/ecsim
CMD_batch       = sh tests/batch.sh $(1)/ecsim && sh tests/yardstick.sh $(1)/ecsim
CMD_ensemble    = sh tests/ensemble.sh $(1)/ecsim
CMD_elcc        = sh tests/elcc.sh $(1)/ecsim
CMD_ensemble-weather = sh tests/ensemble_weather.sh $(1)/ecsim
CMD_signals     = sh tests/signals.sh $(1)/ecsim
CMD_plots       = sh tests/plots.sh $(1)/ecsim
CMD_docs        = sh tests/docs_check.sh $(1)/ecsim
CMD_layers      = sh tests/layers.sh && sh tests/layers_selftest.sh
CMD_provenance  = sh tests/provenance.sh $(1)/ecsim
CMD_weather-files = sh tests/weather_files.sh $(1)/ecsim
CMD_fuzz        = sh tests/fuzz/run.sh build/fuzz $(FUZZ_STAGE_SECONDS) 20210101
# a real one-node Slurm started by the test (root only: installs slurm-wlm and munge
# itself, not through APT_PKGS; skipped otherwise)
CMD_slurm       = sh tests/slurm.sh $(1)/ecsim
DEPS_unit        := run_unit
DEPS_plot-unit   := run_plot
DEPS_regress     := ecsim datcmp
DEPS_bad-input   := ecsim
DEPS_hostile     := ecsim
DEPS_determinism := ecsim
DEPS_batch       := ecsim
DEPS_ensemble    := ecsim
DEPS_elcc        := ecsim
DEPS_ensemble-weather := ecsim
DEPS_signals     := ecsim
DEPS_plots       := ecsim
DEPS_docs        := ecsim
DEPS_layers      :=
DEPS_provenance  := ecsim
DEPS_weather-files := ecsim
DEPS_fuzz        := $(FUZZ_BINS)
DEPS_slurm       := ecsim

# What `make check` runs: <variant>-<stage>. Slow stages first, so that a
# parallel make starts them early. Every stage uses its own temporary
# directories, so any number may run at once.
CHECK_STAGES := san-hostile check-hostile fuzz check-plot-unit san-plot-unit check-plots check-batch check-ensemble check-elcc check-ensemble-weather check-determinism check-signals \
                check-regress check-bad-input check-unit check-docs check-provenance check-weather-files layers \
                san-regress san-bad-input san-unit
CHECK_STAGES += check-slurm
STAGE_DIR    := build/stages

# stage-<variant>-<stage>: runs the stage, records its verdict in $(STAGE_DIR),
# never fails itself (the summary does). $(1) = variant, $(2) = stage
define stage_rule
.PHONY: stage-$(1)-$(2)
stage-$(1)-$(2): $(DEPS_$(2):%=build/$(1)/%)
	@sh tests/stage.sh $(STAGE_DIR) $(1)-$(2) '$(call CMD_$(2),build/$(1))'
endef
$(foreach s,$(filter check-% san-%,$(CHECK_STAGES)),\
  $(eval $(call stage_rule,$(firstword $(subst -, ,$(s))),$(patsubst $(firstword $(subst -, ,$(s)))-%,%,$(s)))))
.PHONY: stage-layers
stage-layers:
	@sh tests/stage.sh $(STAGE_DIR) layers '$(CMD_layers)'
.PHONY: stage-fuzz
stage-fuzz: $(DEPS_fuzz)
	@sh tests/stage.sh $(STAGE_DIR) fuzz '$(CMD_fuzz)'

# ---- the README's two commands -------------------------------------------
.PHONY: all run plots check bench deps clean regress-bless fuzz
all: $(B)/ecsim

run: deps
	@$(MAKE) --no-print-directory $(jobs_flag) all
	@# exit status 3 means "ran, some target not met": a result, not a failure of make
	./build/release/ecsim run $(BASE_CFG) -o out --plot; rc=$$?; \
	  if [ $$rc = 3 ]; then echo "(exit status 3: the scenario ran; some plan targets are not met — see out/*/summary.md)"; \
	  elif [ $$rc != 0 ]; then exit $$rc; fi
	@# which assumptions decide each verdict (every assumption at x0.8 and x1.2): the same
	@# folder again with sensitivity.* and its section in summary.md, then charts and report
	./build/release/ecsim sensitivity $(BASE_CFG) -o out -j $(JOBS)
	./build/release/ecsim plot out/yiwu-14fyp

# Every stage, $(JOBS) at a time or as make's own -j says (-k: a failed build
# stops only the stages that need it); the closing line counts the verdicts of
# the stages that ran, a stage that could not run counts as failed, and any
# failure fails `make check`.
check: deps
	@rm -rf $(STAGE_DIR)
	@$(MAKE) --no-print-directory -k $(jobs_flag) -Otarget $(CHECK_STAGES:%=stage-%) || true
	@sh tests/stage.sh --summary $(STAGE_DIR) $(CHECK_STAGES)

# ---- single stages (variant from CHECKS=1 / SAN=1) -------------------------
.PHONY: unit plot-unit regress bad-input hostile determinism batch signals plots-check docs-check layers provenance weather-files
unit: $(B)/run_unit
	@$(call CMD_unit,$(B))
plot-unit: $(B)/run_plot
	@$(call CMD_plot-unit,$(B))
regress: $(B)/ecsim $(B)/datcmp
	@$(call CMD_regress,$(B))
bad-input: $(B)/ecsim
	@$(call CMD_bad-input,$(B))
hostile: $(B)/ecsim
	@$(call CMD_hostile,$(B))
determinism: $(B)/ecsim
	@$(call CMD_determinism,$(B))
batch: $(B)/ecsim
	@$(call CMD_batch,$(B))
signals: $(B)/ecsim
	@$(call CMD_signals,$(B))
plots-check: $(B)/ecsim
	@$(call CMD_plots,$(B))
docs-check: $(B)/ecsim
	@$(call CMD_docs,$(B))
layers:
	@$(CMD_layers)
provenance: $(B)/ecsim
	@$(call CMD_provenance,$(B))
weather-files: $(B)/ecsim
	@$(call CMD_weather-files,$(B))
.PHONY: slurm
slurm: $(B)/ecsim
	@$(call CMD_slurm,$(B))

regress-bless: $(B)/ecsim
	@sh tests/regress/run.sh $(B)/ecsim "" bless

# Charts and report.html again for every finished run in out/ (e.g. after editing plots/).
plots: deps
	@$(MAKE) --no-print-directory $(jobs_flag) all
	./build/release/ecsim plot out/*/

bench: deps
	@$(MAKE) --no-print-directory $(jobs_flag) all
	./build/release/ecsim bench $(BASE_CFG)

# Every harness for FUZZ_SECONDS on a copy of its corpus (the repository is
# not changed; new inputs and any crash stay in a temporary directory).
fuzz: deps
	@$(MAKE) --no-print-directory $(jobs_flag) $(FUZZ_BINS)
	sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

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
