# launch/slurm/common.sh — sourced by the Orrery batch scripts in this folder (not run by itself).
#
# The scripts find it through ORRERY_HOME (the repository; default: the folder `sbatch` was called
# from, so submit from the repository root: `sbatch launch/slurm/nbody.sbatch`).
#
# Environment a user may set (at submission; sbatch passes the environment on):
#   ORRERY_HOME      the Orrery repository (built with `launch/orrery build` on the login node)
#   ORRERY_MODULES   modules to load when `module` exists (default "openmpi java"; "" = none)
#   ORRERY_RESULTS   results folder of the job (default results/slurm/<program>-<job id> under
#                    the submission folder)
#   ORRERY_MPI       which MPI configuration (openmpi, mpich, a prefix; see docs/install.md);
#                    default: the one mpi/setup made the default on the login node
#   ORRERY_LAUNCH    orrery (default: launch/orrery -> mpirun/mpiexec, which read the allocation) or
#                    srun (srun --mpi=<plugin> java ...: pmix for Open MPI, whose Debian build
#                    supports only PMIx there; pmi2 for MPICH and the other Hydra MPIs)
#   ORRERY_SRUN_MPI  the srun --mpi plugin instead of the above (e.g. cray_shasta on Cray EX)
#   ORRERY_JVM_OPTS  extra JVM options for every rank (e.g. "-Xmx8g")
#   ORRERY_CDS       off: the ranks run without the class-data archive (target/cds/<config>.jsa, which
#                    `launch/orrery build` makes; jobs use it when current, and never make one)
#
# Functions: orrery_init PROGRAM, orrery_run [-np N] PROGRAM [options], orrery_main PROGRAM [options].
#
# Preemption: the scripts ask for '#SBATCH --signal=B:USR1@120' and '#SBATCH --requeue'. The batch
# shell passes SIGUSR1/SIGTERM on to the run as SIGUSR1; a run that saved its state exits 75
# (ORRERY_EXIT_PREEMPTED) and the job requeues itself; the requeued job calls the script's
# orrery_resume_args ARGS... (it prints the arguments to use, NUL-separated) and continues.

orrery_die() { echo "orrery-slurm: error: $*" >&2; exit 2; }

if [ -z "${ORRERY_HOME:-}" ]; then
  ORRERY_HOME=${SLURM_SUBMIT_DIR:-$PWD}
fi
[ -x "$ORRERY_HOME/launch/orrery" ] ||
  orrery_die "no Orrery repository at '$ORRERY_HOME': submit from the repository root or set ORRERY_HOME"
ORRERY_HOME=$(cd "$ORRERY_HOME" && pwd)
export ORRERY_HOME

# Guarded module load: only where environment modules (Lmod/Tcl) exist.
orrery_modules() {
  local mods=${ORRERY_MODULES-openmpi java}
  [ -n "$mods" ] || return 0
  if type module >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    module load $mods || echo "orrery-slurm: warning: 'module load $mods' failed; using what is on PATH" >&2
  fi
}

# Open MPI refuses root unless told twice; jobs run as root only in containers and CI.
orrery_root_env() {
  if [ "$(id -u)" = 0 ]; then
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  fi
}

orrery_job_info() {
  local rev dirty
  rev=$(git -C "$ORRERY_HOME" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
  dirty=$(git -C "$ORRERY_HOME" status --porcelain --untracked-files=no 2>/dev/null | head -1)
  [ -n "$dirty" ] && rev="$rev (with uncommitted changes)"
  local hosts=${SLURM_JOB_NODELIST:-$(hostname -s)}
  if [ -n "${SLURM_JOB_NODELIST:-}" ] && command -v scontrol >/dev/null 2>&1; then
    hosts=$(scontrol show hostnames "$SLURM_JOB_NODELIST" 2>/dev/null | paste -sd, - || echo "$SLURM_JOB_NODELIST")
  fi
  echo "== Orrery job: ${ORRERY_PROGRAM}"
  echo "job:          ${SLURM_JOB_ID:-none} (${SLURM_JOB_NAME:-interactive})${SLURM_ARRAY_TASK_ID:+, task $SLURM_ARRAY_TASK_ID of array job ${SLURM_ARRAY_JOB_ID}}"
  echo "hosts:        $hosts (${SLURM_JOB_NUM_NODES:-1} node(s))"
  echo "tasks:        ${SLURM_NTASKS:-?} (per node: ${SLURM_TASKS_PER_NODE:-?}; CPUs on this node: ${SLURM_CPUS_ON_NODE:-$(nproc)})"
  echo "mpi:          ${ORRERY_CFG_FAMILY:-?} ${ORRERY_CFG_VERSION:-?} via ${ORRERY_CFG_MPIRUN:-?}, backend ${ORRERY_CFG_BACKEND:-?}"
  echo "java:         $(java -version 2>&1 | head -1 || echo 'java not found')"
  echo "orrery:       $ORRERY_HOME at git $rev"
  echo "results:      $ORRERY_RESULTS"
  echo "started:      $(date -Is)"
}

# orrery_mpi_config: the launcher's MPI configuration (ORRERY_MPI, else the default) as
# ORRERY_CFG_FAMILY, _VERSION, _MPIRUN, _BACKEND; ends the job with the launcher's one-line reason
# when there is none (no MPI loaded, or an mpirun of another MPI first on PATH).
orrery_mpi_config() {
  local conf line
  conf=$("$ORRERY_HOME/launch/orrery" config --no-build) || exit 1
  while IFS= read -r line; do
    case "$line" in
      MPI_FAMILY=*) ORRERY_CFG_FAMILY=${line#*=} ;;
      MPI_VERSION=*) ORRERY_CFG_VERSION=${line#*=} ;;
      MPIRUN=*) ORRERY_CFG_MPIRUN=${line#*=} ;;
      BACKEND=*) ORRERY_CFG_BACKEND=${line#*=} ;;
    esac
  done <<<"$conf"
  # UCX must leave the JVM's signal handlers alone, under every backend (launch/orrery passes it
  # to mpirun/mpiexec; srun passes the job's environment).
  export UCX_ERROR_SIGNALS=
  # The class-data archive (target/cds/<config>.jsa, made by launch/orrery build on the login node)
  # is used when current; a job never makes one in the background (the job's end would kill it).
  export ORRERY_CDS_BUILD=${ORRERY_CDS_BUILD:-never}
  return 0
}

# orrery_init PROGRAM: modules, checks, per-job results folder (the job runs inside it), job info.
orrery_init() {
  ORRERY_PROGRAM=$1
  orrery_modules
  orrery_root_env
  command -v java >/dev/null 2>&1 || orrery_die "java not found (load a Java 17 module, or set ORRERY_MODULES)"
  orrery_mpi_config
  [ -f "$ORRERY_HOME/target/orrery-all.jar" ] ||
    orrery_die "$ORRERY_HOME/target/orrery-all.jar is missing: run 'launch/orrery build' on the login node first"
  if [ -n "$(find "$ORRERY_HOME/src/main" -newer "$ORRERY_HOME/target/orrery-all.jar" -print -quit 2>/dev/null)" ]; then
    echo "orrery-slurm: warning: sources are newer than target/orrery-all.jar (jobs never rebuild; run 'launch/orrery build')" >&2
  fi
  local id=${SLURM_JOB_ID:-local-$$}
  [ -n "${SLURM_ARRAY_JOB_ID:-}" ] && id="${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
  ORRERY_RESULTS=${ORRERY_RESULTS:-${SLURM_SUBMIT_DIR:-$PWD}/results/slurm/${ORRERY_PROGRAM}-$id}
  mkdir -p "$ORRERY_RESULTS" || orrery_die "cannot create results folder $ORRERY_RESULTS"
  ORRERY_RESULTS=$(cd "$ORRERY_RESULTS" && pwd)
  export ORRERY_RESULTS ORRERY_PROGRAM
  cd "$ORRERY_RESULTS"
  orrery_job_info | tee job-info.txt
}

# orrery_run [-np N] PROGRAM [options]: one MPI run inside the allocation (N default SLURM_NTASKS).
orrery_run() {
  local np=${SLURM_NTASKS:-${ORRERY_NP:-1}}
  if [ "${1:-}" = -np ]; then np=$2; shift 2; fi
  local prog=$1; shift
  local cmd
  if [ "$prog" = sweep ]; then
    # Not an MPI program: it runs inside the allocation and starts each of its runs itself.
    cmd=("$ORRERY_HOME/launch/orrery" "$prog" --no-build "$@")
  elif [ "${ORRERY_LAUNCH:-orrery}" = srun ]; then
    # The java part of the launcher's own command line (from "java" on: the "env" the launcher puts
    # before it for Open MPI's mpirun, which rewrites java lines, is not needed under srun, which does
    # not; the class-data archive flag stays), started by srun instead of mpirun/mpiexec:
    # PMIx for Open MPI (Debian's Open MPI supports only PMIx under srun), PMI-2 for MPICH (its
    # PMI client speaks PMI-1/PMI-2; Slurm's mpi/pmi2 plugin serves it).
    local plugin=${ORRERY_SRUN_MPI:-}
    [ -n "$plugin" ] || { [ "${ORRERY_CFG_FAMILY:-openmpi}" = openmpi ] && plugin=pmix || plugin=pmi2; }
    local line; line=$("$ORRERY_HOME/launch/orrery" "$prog" -np "$np" --no-build --dry-run "$@") || return
    eval "cmd=($line)"
    local i=0; while [ "$i" -lt "${#cmd[@]}" ] && [ "${cmd[$i]}" != java ]; do i=$((i + 1)); done
    # The environment the launcher gives its ranks (glibc's huge-page tunable: -x VAR=VALUE for Open
    # MPI, -genv VAR VALUE for Hydra) is exported here: srun passes this shell's environment on.
    local j; for ((j = 0; j < i; j++)); do
      case "${cmd[$j]}" in
        GLIBC_TUNABLES=*) export "${cmd[$j]}" ;;
        GLIBC_TUNABLES) [ "${cmd[$((j - 1))]}" = -genv ] && export GLIBC_TUNABLES="${cmd[$((j + 1))]}" ;;
      esac
    done
    cmd=(srun --mpi="$plugin" --ntasks="$np" --cpu-bind=none "${cmd[@]:$i}")
  else
    cmd=("$ORRERY_HOME/launch/orrery" "$prog" -np "$np" --no-build "$@")
  fi
  echo "+ ${cmd[*]}"
  # In the background, so that this shell can act on a signal while the run goes on (bash runs a
  # trap only between commands): SIGUSR1 (sbatch --signal=B:USR1@120, scancel --signal=USR1
  # --batch) and SIGTERM become SIGUSR1 for the run, which launch/orrery (mpirun, mpiexec) and srun
  # forward to every rank; nbody then checkpoints after its current step and exits 75.
  "${cmd[@]}" &
  local child=$! rc
  trap 'echo "orrery-slurm: stop requested (signal), passing SIGUSR1 to the run at $(date -Is)"; kill -USR1 '"$child"' 2>/dev/null || true' USR1 TERM
  while :; do
    rc=0; wait "$child" || rc=$?
    kill -0 "$child" 2>/dev/null || break
  done
  trap - USR1 TERM
  return "$rc"
}

# ORRERY_EXIT_PREEMPTED: the status of a run stopped by a preemption signal with its state saved
# (nbody: checkpoint written). orrery_main requeues the job on it (sbatch --requeue), and the
# requeued job (same SLURM_JOB_ID and results folder, SLURM_RESTART_COUNT > 0) continues by itself
# through the script's orrery_resume_args function, if it defines one.
ORRERY_EXIT_PREEMPTED=75

# orrery_requeue RC: on ORRERY_EXIT_PREEMPTED inside a batch job, asks Slurm to run the job again.
orrery_requeue() {
  [ "$1" = "$ORRERY_EXIT_PREEMPTED" ] && [ -n "${SLURM_JOB_ID:-}" ] || return 0
  if scontrol requeue "$SLURM_JOB_ID"; then
    echo "== preempted: job $SLURM_JOB_ID requeued; it continues from the state saved in $ORRERY_RESULTS"
  else
    echo "orrery-slurm: warning: 'scontrol requeue $SLURM_JOB_ID' failed (submitted without --requeue, or not allowed here): resubmit to continue from $ORRERY_RESULTS" >&2
  fi
}

# orrery_main PROGRAM [options]: init, one run on all tasks with --summary summary.json, exit status.
# orrery_abspaths ARG...: prints ARGs NUL-separated, with every argument (or --opt=value value) that
# names an existing path relative to the submission folder made absolute: the job runs inside its
# results folder, so relative input paths would otherwise be looked up there.
orrery_abspaths() {
  local base=${SLURM_SUBMIT_DIR:-$PWD} a opt val
  for a in "$@"; do
    opt=""; val=$a
    case "$a" in --*=*) opt=${a%%=*}=; val=${a#*=} ;; esac
    case "$val" in
      /*|-*|"") ;;
      *) if [ -e "$base/$val" ]; then
           val=$base/$val
         elif [ "$(dirname -- "$val")" != . ] && [ -d "$base/$(dirname -- "$val")" ]; then
           val=$base/$val   # a new file in an existing folder of the submission folder
         fi ;;
    esac
    printf '%s\0' "$opt$val"
  done
}

orrery_main() {
  local prog=$1; shift
  local abs=()
  while IFS= read -r -d '' a; do abs+=("$a"); done < <(orrery_abspaths "$@")
  set -- ${abs[@]+"${abs[@]}"}
  orrery_init "$prog"
  local args=("$@") a summary=1
  for a in "${args[@]}"; do case "$a" in --summary|--summary=*) summary=0 ;; esac; done
  # The sweep is not an MPI program: it writes scaling.csv and gives each of its runs a summary itself.
  [ "$prog" = sweep ] && summary=0
  [ "$summary" = 1 ] && args+=(--summary "$ORRERY_RESULTS/summary.json")
  if [ "${SLURM_RESTART_COUNT:-0}" -gt 0 ] && type orrery_resume_args >/dev/null 2>&1; then
    # A requeued job: the script says how to continue from what the earlier run saved (cwd: results folder).
    local resumed=()
    while IFS= read -r -d '' a; do resumed+=("$a"); done < <(orrery_resume_args "${args[@]}")
    args=(${resumed[@]+"${resumed[@]}"})
    echo "== requeued (restart $SLURM_RESTART_COUNT): continuing with: ${args[*]}"
  fi
  local t0=$SECONDS rc=0
  orrery_run "$prog" "${args[@]}" || rc=$?
  echo "== finished: exit $rc after $((SECONDS - t0)) s at $(date -Is); results in $ORRERY_RESULTS"
  orrery_requeue "$rc"
  return "$rc"
}
