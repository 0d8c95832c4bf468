// Factories for the councils tests. Not imported by the server.

export { CHANGCHUN, intakeFixture, registerVillagers, SHANGHUANG, type Intake, type Villager } from '../cocreation/test-fixtures.js';
