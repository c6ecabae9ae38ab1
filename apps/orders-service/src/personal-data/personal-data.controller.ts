import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { checkRegisterId } from '@orders/application';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CallerKey } from '../auth/caller-key.decorator';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { ApiError } from '../common/problem/api-error';
import { ApiProblems } from '../openapi/order-responses.decorators';
import { commandMeta } from '../orders/command-meta';
import { ErasureService } from './erasure.service';
import { ErasureAcceptedDto, ErasureStatusDto, PersonalDataExportDto } from './personal-data.dto';
import { PersonalDataExportService } from './personal-data-export.service';

const nothingKnown = (contactId: string): ApiError =>
  new ApiError(404, 'CONTACT_NOT_FOUND', 'Contact not found', `Nothing is known of contactId '${contactId}'.`);

@ApiTags('personal data')
@RequireScopes('personal-data')
@Controller('contacts')
export class PersonalDataController {
  constructor(
    private readonly erasure: ErasureService,
    private readonly exports: PersonalDataExportService,
  ) {}

  @Post(':contactId/erase')
  @HttpCode(202)
  @ApiOperation({
    summary: "Erase the person's personal data everywhere (GDPR art. 17); the orders stay, anonymous (docs/personal-data.md)",
    description:
      'Destroys the keys of the contact and of every key it ever had, marks every order naming them, removes the register entry. ' +
      'Follow the job at `Location` (GET …/erasure) until Completed.',
  })
  @ApiAcceptedResponse({
    description: 'The erasure is done in the event store; the read models follow (the job).',
    type: ErasureAcceptedDto,
  })
  @ApiProblems(400)
  async erase(@Param('contactId') contactId: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const id = checkRegisterId('contactId', contactId);
    const accepted = await this.erasure.erase(id, commandMeta(request));
    void reply.header('Location', accepted.href);
    return accepted;
  }

  @Get(':contactId/erasure')
  @ApiOperation({ summary: "The state of the contact's last erasure: Pending until every read model and file reflects it" })
  @ApiOkResponse({ type: ErasureStatusDto })
  @ApiProblems([404, 'CONTACT_NOT_FOUND'])
  async erasureStatus(@Param('contactId') contactId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const status = await this.erasure.status(contactId);
    if (!status) throw new ApiError(404, 'CONTACT_NOT_FOUND', 'No erasure', `contactId '${contactId}' was never erased.`);
    void reply.header('Cache-Control', 'no-store');
    return status;
  }

  @Get(':contactId/personal-data')
  @ApiOperation({
    summary: 'Everything held about the person (GDPR art. 15/20): register entry, orders with history, warnings, triggers sent',
  })
  @ApiOkResponse({ type: PersonalDataExportDto })
  @ApiProblems(
    [404, 'CONTACT_NOT_FOUND'],
    [
      503,
      'QUERY_BUDGET_EXCEEDED: an order history did not finish within SEGMENT_QUERY_BUDGET_MS on the embedded read pool; retry after Retry-After.',
    ],
  )
  async export(@Param('contactId') contactId: string, @Res({ passthrough: true }) reply: FastifyReply, @CallerKey() caller: string) {
    const document = await this.exports.export(contactId, caller);
    if (!document) throw nothingKnown(contactId);
    void reply.header('Cache-Control', 'no-store');
    return document;
  }
}
