// Publishing stage (in progress).
