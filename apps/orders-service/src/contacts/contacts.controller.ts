import { Body, Controller, Delete, Get, HttpCode, Param, Put, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { checkRegisterId, RegisterCommands, registerEntityTag } from '@orders/application';
import { CONTACT_REGISTER, type ContactEntry, normalizeContact } from '@orders/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { ApiError, validationFailed } from '../common/problem/api-error';
import { commandMeta } from '../orders/command-meta';
import { RegisteredContactDto } from '../openapi/api-responses.dto';
import { ApiProblems } from '../openapi/order-responses.decorators';
import { RegisterGetResponse, RegisterIfMatch, RegisterPutResponses } from '../registers/register-put.decorator';
import { ContactRegisterDto } from './contact.dto';

const contactNotFound = (contactId: string): ApiError =>
  new ApiError(404, 'CONTACT_NOT_FOUND', 'Contact not found', `No contact with contactId '${contactId}'.`);

@ApiTags('contacts')
@RequireScopes('contacts')
@Controller('contacts')
export class ContactsController {
  constructor(private readonly registers: RegisterCommands) {}

  @Put(':contactId')
  @RegisterPutResponses('contact', RegisteredContactDto)
  @ApiOperation({ summary: 'Register or replace a contact; orders whose match key it has are linked to it (no re-send needed)' })
  async put(
    @Param('contactId') contactId: string,
    @Body() body: ContactRegisterDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const id = checkRegisterId('contactId', contactId);
    const result = normalizeContact({ ...body });
    if (!result.ok) throw validationFailed(result.errors, 'The contact is not valid.');
    const { created, revision } = await this.registers.save(CONTACT_REGISTER, id, result.contact, commandMeta(request));
    void reply.status(created ? 201 : 200);
    if (revision !== null) void reply.header('ETag', registerEntityTag(revision));
    return { contactId: id, ...result.contact };
  }

  @Get(':contactId')
  @RegisterGetResponse('contact', RegisteredContactDto)
  @ApiOperation({ summary: 'One contact of the register' })
  @ApiProblems([404, 'CONTACT_NOT_FOUND'])
  async get(@Param('contactId') contactId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const state = await this.registers.read<ContactEntry>(CONTACT_REGISTER, contactId);
    if (!state.value) throw contactNotFound(contactId);
    void reply.header('ETag', registerEntityTag(state.revision!));
    return { contactId, ...state.value };
  }

  @Delete(':contactId')
  @HttpCode(204)
  @RegisterIfMatch('contact')
  @ApiOperation({ summary: 'Delete a contact: its orders stay, linked to no contact (see README on personal data)' })
  @ApiNoContentResponse({ description: 'Deleted; no body.' })
  @ApiProblems([404, 'CONTACT_NOT_FOUND'])
  async delete(@Param('contactId') contactId: string, @Req() request: FastifyRequest): Promise<void> {
    if (!(await this.registers.delete(CONTACT_REGISTER, contactId, commandMeta(request)))) throw contactNotFound(contactId);
  }
}
