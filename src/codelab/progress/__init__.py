"""Where each trainee stands: the trainee's « Mon parcours », the instructors' cohort
dashboard, and their JSON APIs, served by the hub service `progress`.

Runs in two places, and the modules say which:
- the hub container: `service` (the pages and APIs, behind the hub's OAuth), `results`
  (what the grading side published, in the service's own SQLite), `report` (pure: who
  stands where, from the course outline, the exchange's files and the results) and
  `charts` (server-drawn SVG);
- a course's grading container: `publish`, which sends the gradebook's scores after each
  autograde and each feedback release. The service never reads the gradebook, and the
  grading container (solutions, hidden tests) never serves trainees.
"""
