import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CallerKey } from '../auth/caller-key.decorator';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { SaveSegmentDto, SavedSegmentDto, SavedSegmentPageDto, SegmentAnswerDto, SegmentPageQueryDto, SegmentQueryDto } from './dto';
import { presentQueryAnswer, presentSavedAnswer, presentSegment, presentSegmentList } from './segment.presenter';
import { SegmentsService } from './segments.service';

const BUDGET_EXCEEDED =
  'QUERY_BUDGET_EXCEEDED: the query did not finish within SEGMENT_QUERY_BUDGET_MS (waiting for a read slot included) and was stopped; retry after Retry-After, or narrow the filter.';

@ApiTags('segments')
@RequireScopes('segments')
@Controller('segments')
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @Post('query')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a segment: matching orders, distinct contacts and one page of contacts (SPEC §6)' })
  @ApiOkResponse({ type: SegmentAnswerDto })
  @ApiServiceUnavailableResponse({ description: BUDGET_EXCEEDED })
  async query(@Body() body: SegmentQueryDto, @CallerKey() caller: string) {
    const answer = await this.segments.run(body, body.offset, body.count, caller);
    return presentQueryAnswer(answer, body.offset, body.count);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Save a segment (validated against the grammar)' })
  @ApiCreatedResponse({ type: SavedSegmentDto })
  async create(@Body() body: SaveSegmentDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const segment = await this.segments.create(body.name, body);
    void reply.header('Location', `/api/v3/segments/${encodeURIComponent(segment.segmentId)}`);
    return presentSegment(segment);
  }

  @Get()
  @ApiOperation({ summary: 'Saved segments, by name' })
  @ApiOkResponse({ description: 'One page of saved segments.', type: SavedSegmentPageDto })
  async list(@Query() query: SegmentPageQueryDto) {
    return presentSegmentList(await this.segments.list(query.offset, query.count), query.offset, query.count);
  }

  @Get(':segmentId')
  @ApiOperation({ summary: 'One saved segment' })
  @ApiOkResponse({ type: SavedSegmentDto })
  async get(@Param('segmentId') segmentId: string) {
    return presentSegment(await this.segments.get(segmentId));
  }

  @Put(':segmentId')
  @ApiOperation({ summary: 'Replace a saved segment (name, filter, having)' })
  @ApiOkResponse({ type: SavedSegmentDto })
  async replace(@Param('segmentId') segmentId: string, @Body() body: SaveSegmentDto) {
    return presentSegment(await this.segments.replace(segmentId, body.name, body));
  }

  @Delete(':segmentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a saved segment' })
  @ApiNoContentResponse({ description: 'Deleted; no body.' })
  async delete(@Param('segmentId') segmentId: string): Promise<void> {
    await this.segments.delete(segmentId);
  }

  @Get(':segmentId/contacts')
  @ApiOperation({ summary: 'Run a saved segment: its contacts, paged' })
  @ApiOkResponse({ type: SegmentAnswerDto })
  @ApiServiceUnavailableResponse({ description: BUDGET_EXCEEDED })
  async contacts(@Param('segmentId') segmentId: string, @Query() query: SegmentPageQueryDto, @CallerKey() caller: string) {
    const answer = await this.segments.runSaved(segmentId, query.offset, query.count, caller);
    return presentSavedAnswer(segmentId, answer, query.offset, query.count);
  }
}
