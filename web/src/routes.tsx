import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { PageSpinner } from './components/PageSpinner';
import LoginPage from './pages/LoginPage';
import NotFoundPage from './pages/NotFoundPage';
import { OptionalLayout, RequireAuth, RequirePermission } from './route-guards';

// Everything behind the login is loaded on demand, so the login page stays light.
const AppLayout = lazy(() => import('./layout/AppLayout'));
const HomePage = lazy(() => import('./pages/HomePage'));
const RegionsPage = lazy(() => import('./regions/RegionsPage'));
const GridsPage = lazy(() => import('./grids/GridsPage'));
const HouseholdsPage = lazy(() => import('./people/HouseholdsPage'));
const NewHouseholdPage = lazy(() => import('./people/NewHouseholdPage'));
const HouseholdDetailPage = lazy(() => import('./people/HouseholdDetailPage'));
const ResidentsPage = lazy(() => import('./people/ResidentsPage'));
const ImportPage = lazy(() => import('./people/ImportPage'));
const PartyPage = lazy(() => import('./party/PartyPage'));
const StewardshipPage = lazy(() => import('./party/StewardshipPage'));
const UsersPage = lazy(() => import('./platform/UsersPage'));
const AuditPage = lazy(() => import('./platform/AuditPage'));
const SecurityAlertsPage = lazy(() => import('./platform/SecurityAlertsPage'));
const IntakePage = lazy(() => import('./requests/IntakePage'));
const DispatchPage = lazy(() => import('./requests/DispatchPage'));
const InboxPage = lazy(() => import('./requests/InboxPage'));
const WorkOrdersPage = lazy(() => import('./requests/WorkOrdersPage'));
const WorkOrderDetailPage = lazy(() => import('./requests/WorkOrderDetailPage'));
const WhistlesPage = lazy(() => import('./requests/WhistlesPage'));
const RatesPage = lazy(() => import('./requests/RatesPage'));
const RoutingRulesPage = lazy(() => import('./requests/RoutingRulesPage'));
const CalendarPage = lazy(() => import('./calendar/CalendarPage'));
const PatrolPage = lazy(() => import('./requests/PatrolPage'));
const CaseBoardPage = lazy(() => import('./disputes/CaseBoardPage'));
const NewCasePage = lazy(() => import('./disputes/NewCasePage'));
const CaseDetailPage = lazy(() => import('./disputes/CaseDetailPage'));
const MediatorsPage = lazy(() => import('./disputes/MediatorsPage'));
const DisputeStatsPage = lazy(() => import('./disputes/StatsPage'));
const ReceptionsPage = lazy(() => import('./disputes/ReceptionsPage'));
const WorkItemsPage = lazy(() => import('./duties/WorkItemsPage'));
const SendWorkItemPage = lazy(() => import('./duties/SendWorkItemPage'));
const DutyListsPage = lazy(() => import('./duties/DutyListsPage'));
const CertificatesPage = lazy(() => import('./duties/CertificatesPage'));
const DutyReportsPage = lazy(() => import('./duties/ReportsPage'));
const TaskListPage = lazy(() => import('./duties/TaskListPage'));
const AssessmentPage = lazy(() => import('./duties/AssessmentPage'));
const FormalismPage = lazy(() => import('./duties/FormalismPage'));
const RegisterPage = lazy(() => import('./duties/RegisterPage'));
const MapPage = lazy(() => import('./overview/MapPage'));
const MonthlyReportsPage = lazy(() => import('./overview/MonthlyReportsPage'));
const ScreenPage = lazy(() => import('./overview/ScreenPage'));
const DutiesDashboardPage = lazy(() => import('./duties/DashboardPage'));
const DutiesHome = lazy(() => import('./duties/DutiesHome'));
const CocreationOpinionsPage = lazy(() => import('./cocreation/opinions/OpinionsPage'));
const CocreationProposalsPage = lazy(() => import('./cocreation/opinions/ProposalsPage'));
const CocreationMeetingsPage = lazy(() => import('./cocreation/meetings/MeetingsPage'));
const CocreationMeetingDetailPage = lazy(() => import('./cocreation/meetings/MeetingDetailPage'));
const CocreationVotesPage = lazy(() => import('./cocreation/votes/VotesPage'));
const CocreationVoteDetailPage = lazy(() => import('./cocreation/votes/VoteDetailPage'));
const CocreationProjectsPage = lazy(() => import('./cocreation/projects/ProjectsPage'));
const CocreationProjectDetailPage = lazy(() => import('./cocreation/projects/ProjectDetailPage'));
const ResidentHome = lazy(() => import('./cocreation/resident/ResidentHome'));
const DisclosurePage = lazy(() => import('./cocreation/projects/DisclosurePage'));
const PointsLedgerPage = lazy(() => import('./points/LedgerPage'));
const PointsRulesPage = lazy(() => import('./points/RulesPage'));
const PointsShopPage = lazy(() => import('./points/ShopPage'));
const TimebankPage = lazy(() => import('./points/TimebankPage'));
const ResidentPointsPage = lazy(() => import('./points/ResidentPointsPage'));
const CompactsPage = lazy(() => import('./compacts/CompactsPage'));
const CompactDetailPage = lazy(() => import('./compacts/CompactDetailPage'));
const ResidentCompactsPage = lazy(() => import('./compacts/ResidentCompactsPage'));
const CompactBoardPage = lazy(() => import('./compacts/CompactBoardPage'));
const CouncilsPage = lazy(() => import('./councils/CouncilsPage'));
const ShiftsPage = lazy(() => import('./councils/ShiftsPage'));
const PublicRosterPage = lazy(() => import('./councils/PublicRosterPage'));
const BoardsPage = lazy(() => import('./boards/BoardsPage'));
const PublicBoardPage = lazy(() => import('./boards/PublicBoardPage'));
// Residents' pages: no login, outside the app frame.
const PublicLayout = lazy(() => import('./public/PublicLayout'));
const ActivatePage = lazy(() => import('./pages/ActivatePage'));
const ReportPage = lazy(() => import('./public/ReportPage'));
const TrackPage = lazy(() => import('./public/TrackPage'));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageSpinner />}>{children}</Suspense>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/activate"
        element={
          <Lazy>
            <ActivatePage />
          </Lazy>
        }
      />
      <Route
        element={
          <Lazy>
            <PublicLayout />
          </Lazy>
        }
      >
        <Route
          path="/report"
          element={
            <Lazy>
              <ReportPage />
            </Lazy>
          }
        />
        <Route
          path="/track"
          element={
            <Lazy>
              <TrackPage />
            </Lazy>
          }
        />
        <Route
          path="/v/:villageCode"
          element={
            <Lazy>
              <ResidentHome />
            </Lazy>
          }
        />
        <Route
          path="/v/:villageCode/open"
          element={
            <Lazy>
              <DisclosurePage />
            </Lazy>
          }
        />
        <Route
          path="/v/:villageCode/points"
          element={
            <Lazy>
              <ResidentPointsPage />
            </Lazy>
          }
        />
        <Route
          path="/v/:villageCode/compacts"
          element={
            <Lazy>
              <ResidentCompactsPage />
            </Lazy>
          }
        />
        <Route
          path="/v/:villageCode/compact"
          element={
            <Lazy>
              <CompactBoardPage />
            </Lazy>
          }
        />
        <Route
          path="/v/:villageCode/roster"
          element={
            <Lazy>
              <PublicRosterPage />
            </Lazy>
          }
        />
        <Route
          path="/v/:villageCode/boards"
          element={
            <Lazy>
              <PublicBoardPage />
            </Lazy>
          }
        />
      </Route>
      <Route
        path="/overview/screen"
        element={
          <RequireAuth>
            <RequirePermission anyOf={['overview.read']}>
              <Lazy>
                <ScreenPage />
              </Lazy>
            </RequirePermission>
          </RequireAuth>
        }
      />
      <Route
        path="/patrol/*"
        element={
          <RequireAuth>
            <RequirePermission anyOf={['requests.intake']}>
              <Lazy>
                <PatrolPage />
              </Lazy>
            </RequirePermission>
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <Lazy>
              <AppLayout />
            </Lazy>
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route
          path="overview/map"
          element={
            <RequirePermission anyOf={['overview.read']}>
              <MapPage />
            </RequirePermission>
          }
        />
        <Route
          path="overview/reports"
          element={
            <RequirePermission anyOf={['overview.read']}>
              <MonthlyReportsPage />
            </RequirePermission>
          }
        />
        <Route
          path="regions/:code?"
          element={
            <RequirePermission anyOf={['regions.read']}>
              <RegionsPage />
            </RequirePermission>
          }
        />
        <Route path="people">
          <Route
            index
            element={
              <RequirePermission anyOf={['people.read']}>
                <HouseholdsPage />
              </RequirePermission>
            }
          />
          <Route
            path="households/new"
            element={
              <RequirePermission anyOf={['people.edit']}>
                <NewHouseholdPage />
              </RequirePermission>
            }
          />
          <Route
            path="households/:id"
            element={
              <RequirePermission anyOf={['people.read']}>
                <HouseholdDetailPage />
              </RequirePermission>
            }
          />
          <Route
            path="residents"
            element={
              <RequirePermission anyOf={['people.read']}>
                <ResidentsPage />
              </RequirePermission>
            }
          />
          <Route
            path="import"
            element={
              <RequirePermission anyOf={['people.edit']}>
                <ImportPage />
              </RequirePermission>
            }
          />
        </Route>
        <Route
          path="grids"
          element={
            <RequirePermission anyOf={['regions.read']}>
              <GridsPage />
            </RequirePermission>
          }
        />
        <Route
          path="party"
          element={
            <RequirePermission anyOf={['party.read']}>
              <PartyPage />
            </RequirePermission>
          }
        />
        <Route
          path="stewardship"
          element={
            <RequirePermission anyOf={['stewardship.read']}>
              <StewardshipPage />
            </RequirePermission>
          }
        />
        <Route
          path="intake"
          element={
            <RequirePermission anyOf={['requests.intake']}>
              <IntakePage />
            </RequirePermission>
          }
        />
        <Route
          path="dispatch"
          element={
            <RequirePermission anyOf={['requests.dispatch']}>
              <DispatchPage />
            </RequirePermission>
          }
        />
        <Route
          path="inbox"
          element={
            <RequirePermission anyOf={['requests.handle']}>
              <InboxPage />
            </RequirePermission>
          }
        />
        <Route
          path="work-orders"
          element={
            <RequirePermission anyOf={['requests.read']}>
              <WorkOrdersPage />
            </RequirePermission>
          }
        />
        <Route
          path="work-orders/:id"
          element={
            <RequirePermission anyOf={['requests.read']}>
              <WorkOrderDetailPage />
            </RequirePermission>
          }
        />
        <Route
          path="whistles"
          element={
            <RequirePermission anyOf={['requests.whistle', 'requests.handle']}>
              <WhistlesPage />
            </RequirePermission>
          }
        />
        <Route
          path="rates"
          element={
            <RequirePermission anyOf={['requests.read']}>
              <RatesPage />
            </RequirePermission>
          }
        />
        <Route
          path="routing-rules"
          element={
            <RequirePermission anyOf={['requests.configure']}>
              <RoutingRulesPage />
            </RequirePermission>
          }
        />
        <Route path="disputes">
          <Route
            index
            element={
              // Department staff (requests.handle) see the joint mediations their department takes part in.
              <RequirePermission anyOf={['disputes.read', 'requests.handle']}>
                <CaseBoardPage />
              </RequirePermission>
            }
          />
          <Route
            path="new"
            element={
              <RequirePermission anyOf={['disputes.edit']}>
                <NewCasePage />
              </RequirePermission>
            }
          />
          <Route
            path="mediators"
            element={
              <RequirePermission anyOf={['disputes.read']}>
                <MediatorsPage />
              </RequirePermission>
            }
          />
          <Route
            path="stats"
            element={
              <RequirePermission anyOf={['disputes.read']}>
                <DisputeStatsPage />
              </RequirePermission>
            }
          />
          <Route
            path="warnings"
            element={
              <RequirePermission anyOf={['disputes.read']}>
                <DisputeStatsPage tab="warnings" />
              </RequirePermission>
            }
          />
          <Route
            path="receptions"
            element={
              <RequirePermission anyOf={['disputes.read']}>
                <ReceptionsPage />
              </RequirePermission>
            }
          />
          <Route
            path=":id"
            element={
              <RequirePermission anyOf={['disputes.read', 'requests.handle']}>
                <CaseDetailPage />
              </RequirePermission>
            }
          />
        </Route>
        <Route path="cocreation">
          <Route index element={<Navigate to="/cocreation/opinions" replace />} />
          <Route
            path="opinions"
            element={
              <RequirePermission anyOf={['cocreation.read']}>
                <CocreationOpinionsPage />
              </RequirePermission>
            }
          />
          <Route
            path="proposals"
            element={
              <RequirePermission anyOf={['cocreation.read']}>
                <CocreationProposalsPage />
              </RequirePermission>
            }
          />
          <Route
            path="meetings"
            element={
              <RequirePermission anyOf={['cocreation.read']}>
                <CocreationMeetingsPage />
              </RequirePermission>
            }
          />
          <Route
            path="meetings/:id"
            element={
              <RequirePermission anyOf={['cocreation.read']}>
                <CocreationMeetingDetailPage />
              </RequirePermission>
            }
          />
          <Route
            path="votes"
            element={
              <RequirePermission anyOf={['cocreation.read']}>
                <CocreationVotesPage />
              </RequirePermission>
            }
          />
          <Route
            path="votes/:id"
            element={
              <RequirePermission anyOf={['cocreation.read']}>
                <CocreationVoteDetailPage />
              </RequirePermission>
            }
          />
          <Route
            path="projects"
            element={
              <RequirePermission anyOf={['cocreation.read']}>
                <CocreationProjectsPage />
              </RequirePermission>
            }
          />
          <Route
            path="projects/:id"
            element={
              <RequirePermission anyOf={['cocreation.read']}>
                <CocreationProjectDetailPage />
              </RequirePermission>
            }
          />
        </Route>
        <Route path="points">
          <Route
            index
            element={
              <RequirePermission anyOf={['points.read']}>
                <PointsLedgerPage />
              </RequirePermission>
            }
          />
          <Route
            path="rules"
            element={
              <RequirePermission anyOf={['points.read']}>
                <PointsRulesPage />
              </RequirePermission>
            }
          />
          <Route
            path="shop"
            element={
              <RequirePermission anyOf={['points.read']}>
                <PointsShopPage />
              </RequirePermission>
            }
          />
          <Route
            path="timebank"
            element={
              <RequirePermission anyOf={['points.read']}>
                <TimebankPage />
              </RequirePermission>
            }
          />
        </Route>
        <Route path="compacts">
          <Route
            index
            element={
              <RequirePermission anyOf={['compacts.read']}>
                <CompactsPage />
              </RequirePermission>
            }
          />
          <Route
            path=":id"
            element={
              <RequirePermission anyOf={['compacts.read']}>
                <CompactDetailPage />
              </RequirePermission>
            }
          />
        </Route>
        <Route path="councils">
          <Route
            index
            element={
              <RequirePermission anyOf={['councils.read']}>
                <CouncilsPage />
              </RequirePermission>
            }
          />
          <Route
            path="shifts"
            element={
              <RequirePermission anyOf={['councils.read']}>
                <ShiftsPage />
              </RequirePermission>
            }
          />
        </Route>
        <Route
          path="boards"
          element={
            <RequirePermission anyOf={['boards.read']}>
              <BoardsPage />
            </RequirePermission>
          }
        />
        <Route path="duties">
          <Route index element={<DutiesHome />} />
          <Route
            path="dashboard"
            element={
              <RequirePermission anyOf={['duties.read']}>
                <DutiesDashboardPage />
              </RequirePermission>
            }
          />
          <Route
            path="work-items"
            element={
              <RequirePermission anyOf={['duties.read']}>
                <WorkItemsPage />
              </RequirePermission>
            }
          />
          <Route
            path="send"
            element={
              <RequirePermission anyOf={['duties.send']}>
                <SendWorkItemPage />
              </RequirePermission>
            }
          />
          <Route
            path="lists"
            element={
              <RequirePermission anyOf={['duties.read']}>
                <DutyListsPage />
              </RequirePermission>
            }
          />
          <Route
            path="certificates"
            element={
              <RequirePermission anyOf={['duties.read']}>
                <CertificatesPage />
              </RequirePermission>
            }
          />
          <Route
            path="reports"
            element={
              <RequirePermission anyOf={['duties.report']}>
                <DutyReportsPage />
              </RequirePermission>
            }
          />
          <Route
            path="tasks"
            element={
              <RequirePermission anyOf={['duties.read']}>
                <TaskListPage />
              </RequirePermission>
            }
          />
          <Route
            path="assessment"
            element={
              <RequirePermission anyOf={['duties.read']}>
                <AssessmentPage />
              </RequirePermission>
            }
          />
          <Route
            path="formalism"
            element={
              <RequirePermission anyOf={['duties.read']}>
                <FormalismPage />
              </RequirePermission>
            }
          />
          <Route
            path="register"
            element={
              <RequirePermission anyOf={['duties.read']}>
                <RegisterPage />
              </RequirePermission>
            }
          />
        </Route>
        <Route
          path="calendar"
          element={
            <RequirePermission anyOf={['calendar.edit', 'requests.read']}>
              <CalendarPage />
            </RequirePermission>
          }
        />
        <Route
          path="users"
          element={
            <RequirePermission anyOf={['users.manage', 'users.security']}>
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="audit"
          element={
            <RequirePermission anyOf={['audit.read']}>
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route
          path="security-alerts"
          element={
            <RequirePermission anyOf={['users.security']}>
              <SecurityAlertsPage />
            </RequirePermission>
          }
        />
      </Route>
      <Route
        element={
          <OptionalLayout
            layout={
              <Lazy>
                <AppLayout />
              </Lazy>
            }
          />
        }
      >
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
