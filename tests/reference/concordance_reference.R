#!/usr/bin/Rscript
# Reference values for the concordance_index metric (src/MleDojo.Core/Metrics/Survival), from R's survival package.
#
#   Rscript tests/reference/concordance_reference.R              # rewrites the checked-in JSON
#   Rscript tests/reference/concordance_reference.R --output X   # writes X instead
#
# Needs only r-base-core and r-cran-survival (Debian), no network. Every case is deterministic: inline arrays or
# draws after set.seed(<fixed seed>) (R's default Mersenne-Twister, Inversion and Rejection samplers, which give the
# same numbers on every platform). Inputs are rounded to 4 decimals so they are exact in JSON. Each expected value is
#   concordance(Surv(time, event) ~ risk, reverse = TRUE)$concordance
# (reverse: a higher risk predicts an earlier event; timewt = "n", the default, is Harrell's C). The counts R reports
# (concordant, discordant, tied.x, tied.y) are kept in each case's note. The JSON has the schema of
# metric_reference_values.json, so the C# tests (tests/MleDojo.Core.Tests/Metrics) read both files alike.
suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
trailing <- commandArgs(trailingOnly = TRUE)
output <- if (length(trailing) == 2 && trailing[1] == "--output") trailing[2] else
  file.path(dirname(normalizePath(script)), "..", "MleDojo.Core.Tests", "Metrics", "concordance_reference_values.json")

num <- function(x) sprintf("%.17g", x)
# Inputs have at most 4 decimals, so R's 15 significant digits give the shortest text that parses back exactly.
arr <- function(x) paste0("[", paste(as.character(x), collapse = ", "), "]")
str <- function(x) paste0("\"", gsub("\"", "\\\\\"", x), "\"")

cases <- character(0)
reference <- "R survival::concordance(Surv(time, event) ~ risk, reverse = TRUE)$concordance"

add <- function(name, time, event, risk, error = NULL, behaviour = NULL) {
  time <- round(time, 4); risk <- round(risk, 4); event <- as.integer(event)
  fit <- concordance(Surv(time, event) ~ risk, reverse = TRUE)
  counts <- fit$count
  note <- sprintf("R counts: concordant %s, discordant %s, tied.x %s, tied.y %s, tied.xy %s",
                  counts[["concordant"]], counts[["discordant"]], counts[["tied.x"]], counts[["tied.y"]], counts[["tied.xy"]])
  head <- sprintf("{\"id\": %s, \"metric\": \"concordance_index\", \"kind\": \"Value\", \"parameters\": {}, \"reference\": %s",
                  str(paste0("concordance_index/", name)), str(reference))
  result <- if (is.null(error)) {
    stopifnot(is.finite(fit$concordance))
    sprintf("\"expected\": %s, \"tolerance\": 1e-09", num(fit$concordance))
  } else {
    sprintf("\"error\": %s, \"reference_behaviour\": %s", str(error), str(paste0(behaviour, " (R gives ", num(fit$concordance), ")")))
  }
  data <- sprintf("\"note\": %s, \"true_columns\": [%s, %s], \"predicted_values\": %s",
                  str(note), arr(time), arr(event), arr(risk))
  cases[length(cases) + 1] <<- paste0("    ", head, ", ", result, ", ", data, "}")
}

# Hand-checkable: an event and a censored row tied at time 2 (comparable, tied risk), two events tied at time 3
# (not comparable), a censored row tied in risk with an event.
add("hand_worked_ties", c(1, 2, 2, 3, 3, 4, 5), c(1, 1, 0, 1, 1, 0, 1), c(5, 4, 4, 3, 1, 1, 2))

set.seed(20261201)
n <- 200
risk <- rnorm(n)
time <- rexp(n, rate = exp(0.8 * risk))
censor <- rexp(n, rate = 0.5)
add("continuous_censored", pmin(time, censor), as.integer(time <= censor), risk + rnorm(n, sd = 0.7))

set.seed(7)
n <- 300
add("integer_times_and_risks_many_ties", sample(1:15, n, replace = TRUE), rbinom(n, 1, 0.6), sample(1:5, n, replace = TRUE))

set.seed(11)
n <- 150
risk <- runif(n)
add("no_censoring", rexp(n, rate = 1 + 3 * risk), rep(1L, n), risk + runif(n, 0, 0.5))

set.seed(12)
n <- 250
risk <- rnorm(n)
add("heavy_censoring", rexp(n, rate = exp(risk)), rbinom(n, 1, 0.15), risk)

set.seed(13)
n <- 1000
risk <- rnorm(n)
time <- round(rweibull(n, shape = 1.5, scale = exp(-0.5 * risk)), 1)
add("rounded_weibull_1000", time, rbinom(n, 1, 0.7), round(risk + rnorm(n), 1))

set.seed(14)
n <- 80
add("constant_risk_is_one_half", rexp(n), rbinom(n, 1, 0.5), rep(0.25, n))

set.seed(15)
n <- 120
risk <- rnorm(n)
add("negative_correlation_below_one_half", rexp(n, rate = exp(-risk)), rbinom(n, 1, 0.8), risk)

add("all_censored", c(1, 2, 3, 4), c(0, 0, 0, 0), c(0.1, 0.4, 0.2, 0.3),
    error = "no comparable pair", behaviour = "R: no comparable pairs")

versions <- sprintf("{\"R\": %s, \"survival\": %s}", str(paste(R.version$major, R.version$minor, sep = ".")), str(as.character(packageVersion("survival"))))
text <- paste0("{\n  \"generated_by\": \"tests/reference/concordance_reference.R\",\n  \"versions\": ", versions,
               ",\n  \"cases\": [\n", paste(cases, collapse = ",\n"), "\n  ]\n}\n")
writeLines(text, output, sep = "")
cat(sprintf("wrote %d cases to %s\n", length(cases), output))
