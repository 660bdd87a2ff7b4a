#!/usr/bin/env bash
# Submits the adlake stages as a chain of Slurm jobs, bronze -> silver -> gold
# -> train: each starts only when the one before it COMPLETED
# (--dependency=afterok), and a failure cancels the rest of the chain
# (--kill-on-invalid-dep=yes) instead of leaving it pending forever.
#
#   RAW=/scratch/me/raw LAKE=/scratch/me/lake ADLAKE=/path/to/adlake \
#     slurm/submit.sh [--from STAGE] [--to STAGE] [sbatch options for every job]
#
#   e.g. slurm/submit.sh --ntasks=8 --partition=short --account=myproject
#
# Prints "<stage> <job id>" per job, then "jobs: <id> ...". Options of one
# stage go in ADLAKE_<STAGE>_ARGS, e.g. ADLAKE_TRAIN_ARGS="--n-estimators 200".
# RAW, LAKE and ADLAKE are made absolute here, so the jobs do not depend on
# the folder they start in.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
stages=(bronze silver gold train)

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
from=${stages[0]} to=${stages[-1]}
sbatch_options=()
while (($#)); do
  case $1 in
    --from) from=${2:?--from needs a stage}; shift 2 ;;
    --to) to=${2:?--to needs a stage}; shift 2 ;;
    -h | --help) usage ;;
    *) sbatch_options+=("$1"); shift ;;
  esac
done

: "${RAW:?set RAW to the raw CSV folder}"
: "${LAKE:?set LAKE to the lake folder}"
ADLAKE=${ADLAKE:-adlake}
if [[ $ADLAKE == */* ]]; then
  ADLAKE=$(realpath -m "$ADLAKE")
else
  ADLAKE=$(command -v "$ADLAKE") || { echo "submit.sh: adlake not found on PATH; set ADLAKE" >&2; exit 2; }
fi
[[ -x $ADLAKE ]] || { echo "submit.sh: $ADLAKE is not an executable" >&2; exit 2; }
RAW=$(realpath -m "$RAW")
LAKE=$(realpath -m "$LAKE")
export RAW LAKE ADLAKE

index_of() {
  local i
  for i in "${!stages[@]}"; do [[ ${stages[$i]} == "$1" ]] && { echo "$i"; return; }; done
  echo "submit.sh: unknown stage '$1' (${stages[*]})" >&2
  exit 2
}
first=$(index_of "$from")
last=$(index_of "$to")
((first <= last)) || { echo "submit.sh: --from $from comes after --to $to" >&2; exit 2; }

previous=""
ids=()
for ((i = first; i <= last; i++)); do
  stage=${stages[$i]}
  extra_var="ADLAKE_${stage^^}_ARGS"
  read -r -a extra <<<"${!extra_var:-}"
  dependency=()
  [[ -n $previous ]] && dependency=(--dependency="afterok:$previous")
  id=$(sbatch --parsable --kill-on-invalid-dep=yes "${dependency[@]}" "${sbatch_options[@]}" \
    "$here/$stage.sbatch" "${extra[@]}")
  id=${id%%;*}  # "id;cluster" on multi-cluster sites
  echo "$stage $id"
  ids+=("$id")
  previous=$id
done
echo "jobs: ${ids[*]}"
