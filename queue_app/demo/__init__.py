"""Demo data and the simulated live day (`madoguchi demo`).

`history.generate` writes weeks or years of realistic past days straight into a database
with bulk Core inserts; `live.LiveDay` plays one day forward through the ticket service
with simulated clerks. Neither is ever pointed at the real database by the CLI.
"""
