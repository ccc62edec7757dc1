# Sourced by scripts/serve and scripts/manage: load the installation's environment file into the environment.
#   The file: $LIS_ENV_FILE when set (empty: none), else /etc/lis-portalen/env when it exists.
#   Its format is systemd's EnvironmentFile= (what deploy/systemd/*.service read): one KEY=VALUE a line, blank
#   lines and lines starting with # or ; ignored, a VALUE in single or double quotes taken without them, nothing
#   expanded ($ and \ are plain characters). A variable already set in the environment wins over the file, so
#   `DATABASE_URL=… scripts/manage …` points one command elsewhere.
load_env_file() {
    local file=${LIS_ENV_FILE-/etc/lis-portalen/env}
    if [ -z "$file" ] || { [ -z "${LIS_ENV_FILE+set}" ] && [ ! -e "$file" ]; }; then
        return 0
    fi
    [ -r "$file" ] || { echo "$(basename "$0"): cannot read the environment file $file (LIS_ENV_FILE)" >&2; exit 1; }
    local line key value number=0
    while IFS= read -r line || [ -n "$line" ]; do
        number=$((number + 1))
        line=${line%$'\r'}
        [[ $line =~ ^[[:space:]]*([#;].*)?$ ]] && continue
        if [[ ! $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*(.*)$ ]]; then
            echo "$(basename "$0"): $file line $number is not KEY=VALUE" >&2
            exit 1
        fi
        key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
        value=${value%"${value##*[![:space:]]}"}  # trailing blanks, as systemd drops them
        if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
        [ -n "${!key+set}" ] || export "$key=$value"
    done <"$file"
    echo "$(basename "$0"): environment from $file" >&2
}
