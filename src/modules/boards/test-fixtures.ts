// Factories for the boards and councils tests. Not imported by the server.

export { CHANGCHUN, client, intakeFixture, registerVillagers, relogin, SHANGHUANG, type Intake, type Villager } from '../cocreation/test-fixtures.js';
export { exe, png } from '../../platform/files/test-fixtures.js';
