import type { ReportService } from '../../services/report/report-service';
import type { Handlers } from './types';

/** "Save report…": main builds the HTML and writes it where the save dialog says. */
export function createReportHandlers(reports: ReportService): Pick<Handlers, 'report:save'> {
  return {
    'report:save': (request) => reports.save(request),
  };
}
