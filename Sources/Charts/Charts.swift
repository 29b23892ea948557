// The Charts stage. See Package.swift for where it sits in the flow.
