-- 效果共评 follow-up: a completed project whose evaluation window closed with an average below 3.0
-- gets one proposal (议题) "对《项目名》评价较低的跟进" for its village. The proposal names the
-- project it follows up, and at most one proposal may follow up a project, so the periodic job
-- that raises them can run again (or on two servers) without raising a second one.

ALTER TABLE cocreation_proposals ADD COLUMN follow_up_of uuid REFERENCES cocreation_projects(id);
CREATE UNIQUE INDEX cocreation_proposals_follow_up ON cocreation_proposals (follow_up_of) WHERE follow_up_of IS NOT NULL;
