/**
 * Deliberate layer violations, one small class per rule, under a root that mirrors Orrery's layout.
 * {@link org.orrery.ArchitectureTest} evaluates its rules against these classes to show that each rule catches what it
 * forbids. Nothing in the program uses them.
 */
package org.orrery.archfixture;
