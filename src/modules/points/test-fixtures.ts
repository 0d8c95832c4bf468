// Factories for the points tests. Not imported by the server.

export { CHANGCHUN, client, intakeFixture, passFor, registerVillagers, SHANGHUANG, type Intake, type Villager } from '../cocreation/test-fixtures.js';
