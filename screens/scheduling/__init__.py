"""Second-visit scheduling (SchedulingScreen) and the inquiry cases list (CasesScreen)."""
