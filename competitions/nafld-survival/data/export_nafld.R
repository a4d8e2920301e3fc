# Writes survival__nafld_baseline.csv: one row per subject of survival::nafld1 (r-cran-survival 3.5-3-1) with
#  * nafld: 1 for the NAFLD cases (id == case.id), 0 for their matched controls;
#  * one 0/1 column per comorbidity of survival::nafld3 recorded on or before the index date (days <= 0), i.e. known
#    at entry; conditions first recorded after the index date are future information and are not used.
# Run: Rscript export_nafld.R
data(nafld, package = "survival")
conditions <- c("afib", "ang/isc", "cardiac arrest", "diabetes", "heart failure", "htn", "dyslipidemia", "MI", "stroke")
names <- c("afib", "angina_ischemia", "cardiac_arrest", "diabetes", "heart_failure", "hypertension", "dyslipidemia",
           "myocardial_infarction", "stroke")
out <- nafld1[order(nafld1$id), c("id", "age", "male", "weight", "height", "bmi")]
out$nafld <- as.integer(!is.na(nafld1$case.id[order(nafld1$id)]) & nafld1$id[order(nafld1$id)] == nafld1$case.id[order(nafld1$id)])
prior <- nafld3[nafld3$days <= 0, ]
for (k in seq_along(conditions)) {
  out[[names[k]]] <- as.integer(out$id %in% prior$id[prior$event == conditions[k]])
}
sorted <- nafld1[order(nafld1$id), ]
out$case.id <- sorted$case.id
out$futime <- sorted$futime
out$status <- sorted$status
write.csv(out, "survival__nafld_baseline.csv", row.names = FALSE)
